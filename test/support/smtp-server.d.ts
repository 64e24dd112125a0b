// The few parts of smtp-server (devDependency, ships no types) the SMTP sink uses.
declare module 'smtp-server' {
  import type { Readable } from 'node:stream';
  export interface SMTPSession { secure: boolean; user?: string; envelope: { mailFrom: { address: string } | false; rcptTo: { address: string }[] } }
  export interface SMTPServerOptions {
    secure?: boolean; key?: string; cert?: string; authMethods?: string[]; authOptional?: boolean; disabledCommands?: string[]; logger?: boolean; hideSTARTTLS?: boolean;
    onAuth?(auth: { method: string; username: string; password: string }, session: SMTPSession, cb: (err: Error | null, res?: { user: string }) => void): void;
    onData?(stream: Readable, session: SMTPSession, cb: (err?: Error | null) => void): void;
    onMailFrom?(address: { address: string }, session: SMTPSession, cb: (err?: Error | null) => void): void;
  }
  export class SMTPServer {
    constructor(options: SMTPServerOptions);
    listen(port: number, host: string, cb?: () => void): void;
    close(cb?: () => void): void;
    server: import('node:net').Server;
  }
}
