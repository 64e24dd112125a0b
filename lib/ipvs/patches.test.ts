import { describe, expect, it } from 'vitest';
import { SYSTEMD_UNIT_PATH } from './boot-files';
import { planNodeChanges } from './plan';
import type { NodeDesiredState, NodeLiveState } from './types';
import { enableUnitSteps, withBootUnit } from './patches';

const desired: NodeDesiredState = { nodeId: 'n', nodeName: 'n', roles: [], ipvs: [], addresses: [], sysctls: {}, modules: [], checks: [], bootFiles: [] };
const live = (initSystem: 'systemd' | 'other', bootFiles: Record<string, string> = {}): NodeLiveState => ({ ipvs: [], addresses: [], sysctls: {}, modules: [], defaultGateway: null, bootFiles, initSystem });

describe('systemd boot unit', () => {
  it('is added only on systemd nodes', () => {
    expect(withBootUnit(desired, live('other')).bootFiles).toEqual([]);
    expect(withBootUnit(desired, live('systemd')).bootFiles.map((f) => f.path)).toEqual([SYSTEMD_UNIT_PATH]);
  });
  it('a new unit is written, reloaded and enabled; an unchanged one plans nothing', () => {
    const d = withBootUnit(desired, live('systemd'));
    expect(enableUnitSteps(planNodeChanges(d, live("systemd")), d, live("systemd")).map((s) => s.argv.join(' '))).toEqual([
      expect.stringContaining(SYSTEMD_UNIT_PATH), 'systemctl daemon-reload', 'systemctl enable lvs-console.service',
    ]);
    const installed = live('systemd', { [SYSTEMD_UNIT_PATH]: d.bootFiles[0].content });
    expect(enableUnitSteps(planNodeChanges(d, installed), d, installed)).toEqual([]);
  });
});
