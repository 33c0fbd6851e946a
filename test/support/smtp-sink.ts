import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './eventually';
import { removeTempDir, tempDir } from './leftovers';
import { freePort } from './server-process';

/**
 * A real SMTP server (Debian's python3-aiosmtpd) that keeps each message it takes as a JSON file:
 * Python's email package decodes the MIME parts (quoted-printable, encoded headers), so the test
 * reads what a mail client shows. Recipients at refused.example get a 550, as a relay refusing them.
 */
const SINK = String.raw`
import email, email.policy, json, os, sys, threading
from aiosmtpd.controller import Controller

port, folder = int(sys.argv[1]), sys.argv[2]

class Sink:
    count = 0
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith('@refused.example'):
            return '550 5.1.1 <%s>: mailbox unavailable' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {}
        for kind in ('plain', 'html'):
            part = message.get_body(preferencelist=(kind,))
            parts[kind] = part.get_content() if part is not None else None
        record = {'mailFrom': envelope.mail_from, 'to': envelope.rcpt_tos, 'from': str(message['From']),
                  'subject': str(message['Subject']), 'text': parts['plain'], 'html': parts['html']}
        path = os.path.join(folder, '%04d.json' % Sink.count)
        with open(path + '.tmp', 'w') as f:
            json.dump(record, f)
        os.rename(path + '.tmp', path)
        return '250 Message accepted'

controller = Controller(Sink(), hostname='127.0.0.1', port=port)
controller.start()
print('listening', flush=True)
threading.Event().wait()
`;

/** Debian's interpreter, where python3-aiosmtpd is installed (a pyenv or venv python3 on PATH would lack it). */
const PYTHON = '/usr/bin/python3';

export interface ReceivedMail {
  mailFrom: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  port: number;
  /** Every message taken so far, in order. */
  mails(): ReceivedMail[];
  /** Waits for a message to `to` (without case) whose subject matches, beyond the `skip` first ones to that address. */
  waitFor(to: string, subject: RegExp, skip?: number): Promise<ReceivedMail>;
  dispose(): Promise<void>;
}

export async function startSmtpSink(label: string): Promise<SmtpSink> {
  const dir = tempDir(label);
  const port = await freePort();
  const child: ChildProcess = spawn(PYTHON, ['-c', SINK, String(port), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  await eventually(
    () => {
      assert.ok(
        !exited,
        `the SMTP sink exited (is python3-aiosmtpd installed? scripts/provision/packages.sh test): ${log}`,
      );
      return log.includes('listening');
    },
    () => `the SMTP sink listens on ${port} (log: ${log})`,
  );
  const mails = () =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ReceivedMail);
  return {
    port,
    mails,
    waitFor: (to, subject, skip = 0) =>
      eventually(
        () =>
          mails().filter((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && subject.test(m.subject))[
            skip
          ],
        () =>
          `a mail to ${to} with the subject ${subject} (got: ${JSON.stringify(mails().map((m) => [m.to, m.subject]))}; log: ${log})`,
      ),
    async dispose() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      removeTempDir(dir);
    },
  };
}
