// Starts a real `diwan serve` on loopback with a fresh SQLite database, its
// log kept in a private directory, and two built-in plugins registered
// (disabled) from plugins.dir at start: the SDK's example plugin (hello)
// and the monitoring plugin.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, chmodSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repo = resolve(new URL('../..', import.meta.url).pathname)

/**
 * buildBinaries builds diwan, and the hello and monitoring plugins into a
 * plugins directory beside it; the core refuses a plugin that others can
 * write, so the directory and the binaries are 0755.
 */
export function buildBinaries() {
  const dir = mkdtempSync(join(tmpdir(), 'diwan-e2e-bin-'))
  chmodSync(dir, 0o755)
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' }
  const diwan = join(dir, 'diwan')
  const plugins = join(dir, 'plugins')
  mkdirSync(plugins, { mode: 0o755 })
  chmodSync(plugins, 0o755)
  const build = (out, pkg) => {
    execFileSync('go', ['build', '-o', out, pkg], { cwd: repo, env, stdio: 'inherit' })
    chmodSync(out, 0o755)
  }
  build(diwan, './core/cmd/diwan')
  build(join(plugins, 'hello'), './sdk/examples/hello')
  build(join(plugins, 'monitoring'), './plugins/monitoring')
  return { dir, diwan, plugins }
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

/**
 * startPanel starts diwan serve on a fresh database (it registers the
 * built-in plugins) and resolves when it has printed its setup token.
 */
export async function startPanel(bins) {
  const work = mkdtempSync(join(tmpdir(), 'diwan-e2e-'))
  chmodSync(work, 0o700)
  const port = await freePort()
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    DIWAN_DATABASE__DSN: 'sqlite:' + join(work, 'diwan.db'),
    DIWAN_SERVER__LISTEN: '127.0.0.1:' + port,
    DIWAN_SECURITY__KEY_FILE: join(work, 'secret.key'),
    DIWAN_PLUGINS__RUN_DIR: join(work, 'run'),
    DIWAN_PLUGINS__DIR: bins.plugins,
    DIWAN_LOG__DIR: join(work, 'logs'),
    DIWAN_LOG__FORMAT: 'text',
    DIWAN_LOG__LEVEL: 'debug', // the plugins' own lines (go-plugin's start and stop) are at debug
  }
  const proc = spawn(bins.diwan, ['serve'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let errOut = ''
  proc.stderr.on('data', (b) => (errOut += b))
  const token = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('diwan serve printed no setup token:\n' + out + errOut)), 30_000)
    proc.stdout.on('data', (b) => {
      out += b
      const m = /setup#token=([A-Za-z0-9_-]+)/.exec(out) ?? /"token":"([^"]+)"/.exec(out)
      if (m) {
        clearTimeout(timer)
        ok(m[1])
      }
    })
    proc.once('exit', (code) => fail(new Error(`diwan serve exited ${code}:\n${out}${errOut}`)))
  })
  return {
    base: `http://127.0.0.1:${port}`,
    token,
    logs: () => out + errOut,
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((ok) => (proc.exitCode !== null ? ok() : proc.once('exit', ok)))
      rmSync(work, { recursive: true, force: true })
    },
  }
}
