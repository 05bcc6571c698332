import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Starts the real local host (built by build/test-web.sh) over a fresh data folder on a free port, serving this
// app's dist/, and hands its address and operator password to the tests through the environment.

const repo = resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitUntilUp(url: string, host: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (host.exitCode !== null) throw new Error(`The local host exited with ${host.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((next) => setTimeout(next, 250));
  }
  throw new Error(`The local host did not answer ${url} within 90 s:\n${output()}`);
}

export default async function globalSetup() {
  const dll = process.env.OKCOW_LOCALHOST_DLL ?? join(repo, 'src/OkCow.LocalHost/bin/Release/net10.0/OkCow.LocalHost.dll');
  if (!existsSync(dll)) throw new Error(`Build the local host first (dotnet build OkCow.sln -c Release): ${dll} is missing.`);
  const dist = resolve(import.meta.dirname, '../dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build the web app first (npm run build).');

  const port = await freePort();
  const dataFolder = mkdtempSync(join(tmpdir(), 'okcow-e2e-'));
  const operatorPassword = `e2e-${crypto.randomUUID()}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const host = spawn('dotnet', [dll, `--urls=${baseUrl}`, '--OkCow:Security:PasswordIterations=1000', '--OkCow:LocalHost:FeedIdleDelayMs=20'], {
    cwd: repo,
    env: { ...process.env, OKCOW_DATA_DIR: dataFolder, OKCOW_WEB_DIR: dist, OKCOW_OPERATOR_PASSWORD: operatorPassword, OKCOW_STORE: 'embedded' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  host.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitUntilUp(`${baseUrl}/local/status`, host, () => log);

  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_OPERATOR_PASSWORD = operatorPassword;

  return async () => {
    host.kill('SIGTERM');
    await new Promise((done) => (host.exitCode !== null ? done(null) : host.once('exit', done)));
    rmSync(dataFolder, { recursive: true, force: true });
  };
}
