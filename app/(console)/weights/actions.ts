'use server';
import { actionUser } from '@/lib/auth/current';
import { weightsSchema } from '@/lib/cluster/schemas';
import { setWeights } from '@/lib/queries/cluster-settings';
import { parseForm, runAction, type FormState } from '@/lib/api/form-action';
import { numberOrNull } from '@/lib/api/form-data';

/** Weight inputs are named `w:<node>:<service>`; errors come back under the same names. */
export async function saveWeightsAction(fd: FormData): Promise<FormState> {
  const cells = [...new Set([...fd.keys()].filter((k) => k.startsWith('w:')))];
  const entries = cells.map((k) => {
    const [, node, service] = k.split(':');
    return { node, service, weight: numberOrNull(fd, k) };
  });
  const state = await runAction(async () => {
    const user = await actionUser('edit-weights');
    await setWeights(user, parseForm(weightsSchema, entries));
  });
  if (state.fields) {
    // "3.weight" → the name of the fourth cell.
    state.fields = Object.fromEntries(Object.entries(state.fields).map(([k, v]) => [cells[Number(k.split('.')[0])] ?? k, v]));
  }
  return state;
}

