/**
 * Test support — a model double at the model boundary: the real `oracle:` server (which answers from
 * the pixels it is sent) behind a loopback proxy that counts chat-completion requests. The proxy lives
 * in the test process, so the count survives runner processes the tests SIGKILL. `latencyMs` holds each
 * chat answer that long, as a served model takes time to answer, so a test that kills the runner mid-run
 * lands its kills mid-run on a fast machine too.
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOracleServer } from '../../../src/eval/synth/oracle/server.js';

export interface CountingOracle {
  /** `http://127.0.0.1:<port>/v1` — give it to the openai-compatible provider. */
  baseURL: string;
  /** Chat-completion requests forwarded so far. */
  chatCalls(): number;
  close(): Promise<void>;
}

export async function startCountingOracle(options: { latencyMs?: number } = {}): Promise<CountingOracle> {
  const oracle = await startOracleServer();
  const target = new URL(oracle.baseURL);
  let calls = 0;
  const server = http.createServer((req, res) => {
    const isChat = req.method === 'POST' && req.url?.endsWith('/chat/completions') === true;
    if (isChat) calls += 1;
    const forward = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const reply = (): void => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (isChat && options.latencyMs) setTimeout(reply, options.latencyMs);
      else reply();
    });
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    chatCalls: () => calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await oracle.close().catch(() => undefined);
    },
  };
}
