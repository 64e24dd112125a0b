'use client';
import { useState } from 'react';
import type { FormState } from '@/lib/wire';

/** Which entity a screen is editing ('new', one of its rows, or none) and the last row-action outcome. */
export function useEditor<T extends { id: string }>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [rowState, setRowState] = useState<FormState>({});
  return {
    editing,
    formKey: editing === 'new' ? 'new' : (editing?.id ?? 'none'),
    startNew: () => { setRowState({}); setEditing('new'); },
    startEdit: (e: T) => { setRowState({}); setEditing(e); },
    close: () => setEditing(null),
    rowState,
    setRowState,
  };
}
