/**
 * File writes as steps. A 'file' step's argv is a fixed helper invocation that the apply script
 * implements itself; the content travels in `stdin`, which the script carries as base64 and decodes
 * to a temporary file, so no byte of it is ever read by the shell as code.
 *
 *   argv  [WRITE_FILE_HELPER, path, '0644']   content from stdin; the old file is kept aside first
 *   undo  [RESTORE_FILE_HELPER, path]         puts the kept file back, or removes a file that was new
 */
import type { Step } from './types';

export const WRITE_FILE_HELPER = 'lvs-console-write-file';
export const RESTORE_FILE_HELPER = 'lvs-console-restore-file';

export function octalMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

export function fileStep(path: string, mode: number, content: string, existed: boolean): Step {
  return {
    kind: 'file',
    op: existed ? 'edit' : 'add',
    summary: `${existed ? '~' : '+'} file ${path}`,
    argv: [WRITE_FILE_HELPER, path, octalMode(mode)],
    undo: [RESTORE_FILE_HELPER, path],
    stdin: content,
  };
}
