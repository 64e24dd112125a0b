/**
 * lab CLI:  build | up N | down [STATE_DIR] | status [STATE_DIR] | reboot NODE [STATE_DIR] |
 *           rekey NODE [STATE_DIR] | client VIP PORT COUNT [--from NODE] [--state DIR]
 * down/status default to the newest running lab; reboot/rekey/client need STATE_DIR or LVS_LAB_STATE.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureImage } from './image';
import { downLab, latestStateDir, rebootNode, regenerateHostKey, renderNodeLines, upLab } from './lab';
import { readState } from './state';
import { attachLab } from './harness';

function usage(): never {
  process.stderr.write('usage: tsx lab/cli.ts build [--force] | up N | down [STATE_DIR] | status [STATE_DIR] |\n' +
    '       reboot NODE [STATE_DIR] | rekey NODE [STATE_DIR] | client VIP PORT COUNT [--from NODE] [--state DIR]\n');
  process.exit(2);
}

/** Commands that change a running lab never guess which one: another user's may be newer. */
function explicitLab(): string {
  const dir = process.env.LVS_LAB_STATE;
  if (!dir) throw new Error('say which lab: pass STATE_DIR (or --state DIR) or set LVS_LAB_STATE');
  return dir;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'build': {
      const built = ensureImage({ force: args.includes('--force') });
      if (!built) process.stderr.write('lab: image is current, nothing to build\n');
      return;
    }
    case 'up': {
      const n = Number(args[0] ?? '3');
      const state = await upLab(n);
      process.stdout.write(renderNodeLines(state.nodes));
      process.stdout.write(`ssh config: ${state.sshConfigPath}   (ssh -F ${state.sshConfigPath} lab1)\n`);
      process.stdout.write(`private key: ${state.privateKeyPath}\n`);
      process.stdout.write(`state dir: ${state.stateDir}   (export LVS_LAB_STATE=${state.stateDir})\n`);
      return;
    }
    case 'down': {
      const dir = path.resolve(args[0] ?? latestStateDir());
      await downLab(dir);
      process.stdout.write(`lab ${dir} stopped\n`);
      return;
    }
    case 'status': {
      const dir = path.resolve(args[0] ?? latestStateDir());
      process.stdout.write(readFileSync(path.join(dir, 'nodes.txt'), 'utf8'));
      process.stdout.write(JSON.stringify(readState(dir), null, 2) + '\n');
      return;
    }
    case 'reboot':
    case 'rekey': {
      const node = args[0] ?? usage();
      const dir = path.resolve(args[1] ?? explicitLab());
      if (cmd === 'reboot') await rebootNode(dir, node);
      else process.stdout.write(JSON.stringify(await regenerateHostKey(dir, node)) + '\n');
      return;
    }
    case 'client': {
      const from = option(args, '--from');
      const stateDir = option(args, '--state');
      const [vip, port, count] = args;
      if (!vip || !port || !count) usage();
      const lab = attachLab(path.resolve(stateDir ?? explicitLab()));
      const tally = await lab.client.requests(vip, Number(port), Number(count), from ? { from } : {});
      process.stdout.write(JSON.stringify(tally, null, 2) + '\n');
      lab.close();
      return;
    }
    default:
      usage();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`lab: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
