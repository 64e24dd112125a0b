/** The save-state API's answer as the browser sees it. */
import type { NodeError, NodeResult, SaveAnswer } from '@/lib/wire';

export type NodeErrorView = NodeError;
export type NodeResultView = NodeResult;

export type SaveAnswerView = SaveAnswer;

export type LiveStatus = NodeResultView['status'] | 'pending' | 'reading' | 'applying';

export type StreamLine =
  | { progress: { node: string; name: string; phase: LiveStatus; error?: NodeErrorView } }
  | { result: SaveAnswerView }
  | { error: { error: string; fields?: Record<string, string> } };

/** POSTs a save and calls back for every progress line of the NDJSON stream; resolves with the result. */
export async function streamSave(body: object, onLine: (line: StreamLine) => void): Promise<SaveAnswerView> {
  const res = await fetch('/api/v1/save-state', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) throw new Error(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let result: SaveAnswerView | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as StreamLine;
      buffer = buffer.slice(nl + 1);
      onLine(line);
      if ('result' in line) result = line.result;
      if ('error' in line) throw new Error(line.error.error);
    }
    if (done) break;
  }
  if (!result) throw new Error('the save ended without a result');
  return result;
}

/** Pins the fingerprint the node presented (the unknown-hostkey remedy); resolves with the refusal, if any. */
export async function pinHostKey(nodeId: string, fingerprint: string): Promise<string | null> {
  const res = await fetch(`/api/v1/nodes/${nodeId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ssh: { hostKeyFingerprint: fingerprint } }),
  });
  if (res.ok) return null;
  return ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `HTTP ${res.status}`;
}
