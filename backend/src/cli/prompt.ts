/** Asks a question in the terminal without showing what is typed (passwords). */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export function askHidden(question: string): Promise<string> {
  let muted = false;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output: out, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
