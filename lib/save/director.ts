/**
 * Who is the active director. Heartbeat's rule: the highest-priority candidate that answers, except
 * that without preempt a working director keeps the role when a higher one comes back.
 */
export interface DirectorChoiceInput {
  candidates: string[]; // node ids in priority order
  reachable: ReadonlySet<string>;
  current: string | null; // the candidate that holds the VIP now, if any
  preempt: boolean;
}

export function chooseActiveDirector({ candidates, reachable, current, preempt }: DirectorChoiceInput): string | null {
  if (!preempt && current !== null && candidates.includes(current) && reachable.has(current)) return current;
  return candidates.find((id) => reachable.has(id)) ?? null;
}
