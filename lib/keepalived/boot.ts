/** The boot files a keepalived director gets besides cmctl's own: its config and the event hook. */
import type { BootFile } from '../ipvs/types';
import { renderNotifyScript } from './events';
import { KEEPALIVED_CONF_PATH, NOTIFY_PATH, renderKeepalivedConf, type CheckedService } from './render';
import type { VrrpSpec } from './vrrp';

export function keepalivedBootFiles(services: CheckedService[], vrrp: VrrpSpec | null = null): BootFile[] {
  return [
    { path: KEEPALIVED_CONF_PATH, mode: 0o644, content: renderKeepalivedConf(services, vrrp) },
    { path: NOTIFY_PATH, mode: 0o755, content: renderNotifyScript() },
  ];
}
