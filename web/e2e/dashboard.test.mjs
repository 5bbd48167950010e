// End to end, in English and in Arabic: first-admin setup, sign out, sign
// in, enable the hello plugin, create a greeting through its generated
// form (a refused one first, its error on the right field), see it in the
// table, run the wave action to the end; enable the monitoring plugin and
// see live figures, charts and a firing alert on the overview; filter the
// logs page; enrol two-factor authentication and sign in with a TOTP code;
// switch the language (kept across a reload), the dark theme, and a 360 px
// wide screen without horizontal overflow. Every page screenshotted, and no
// console error anywhere.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildBinaries } from './server.mjs'
import { startPanel } from './server.mjs'
import { launch, chromiumMissing } from './browser.mjs'
import { totp } from './totp.mjs'

const artifacts = new URL('./artifacts/', import.meta.url).pathname
const missing = chromiumMissing()
if (missing && process.env.CI === 'true') throw new Error('e2e under CI=true: ' + missing)
const skip = missing ? `skipped: ${missing}` : false

let bins
before(() => {
  if (skip) return
  mkdirSync(artifacts, { recursive: true })
  bins = buildBinaries()
})
after(() => {
  if (bins) rmSync(bins.dir, { recursive: true, force: true })
})

for (const locale of ['en', 'ar']) {
  test(`dashboard flow in ${locale}`, { skip, timeout: 240_000 }, async () => {
    const panel = await startPanel(bins)
    const browser = await launch()
    try {
      await flow(browser.context, panel, locale)
    } catch (e) {
      console.error(panel.logs())
      throw e
    } finally {
      await browser.close()
      await panel.stop()
    }
  })
}


async function flow(context, panel, locale) {
  const page = await context.newPage()
  try {
    await steps(page, panel, locale)
  } catch (e) {
    await page.screenshot({ path: join(artifacts, `${locale}-failure.png`), fullPage: true }).catch(() => {})
    throw e
  }
}

async function steps(page, panel, locale) {
  const errors = []
  let allowStatus = 0
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    if (allowStatus && m.text().includes(`status of ${allowStatus}`)) return
    errors.push(`${page.url()}: ${m.text()}`)
  })
  const shot = async (name) => {
    await page.waitForLoadState('networkidle').catch(() => {})
    assert.equal(await page.evaluate(() => document.documentElement.dir), locale === 'ar' ? 'rtl' : 'ltr', `dir on ${name}`)
    assert.equal(await page.evaluate(() => document.documentElement.lang), locale, `lang on ${name}`)
    await page.screenshot({ path: join(artifacts, `${locale}-${name}.png`), fullPage: true })
  }
  const nav = async (path) => {
    await page.click(`nav a[href="${path}"]`)
    await page.waitForURL(panel.base + path)
  }
  const password = 'a long passphrase for e2e'

  // Setup from the one-time link; the language chosen here persists.
  await page.goto(`${panel.base}/setup#token=${panel.token}`)
  if (locale === 'ar') await page.selectOption('[data-testid=locale]', 'ar')
  assert.equal(await page.inputValue('#setup-token'), panel.token)
  await shot('setup')
  await page.fill('#setup-user', 'admin')
  await page.fill('#setup-pass', password)
  await page.click('form button[type=submit]')
  await page.waitForURL(panel.base + '/overview')
  await page.waitForSelector('[data-testid=no-monitoring]')
  await shot('overview')

  // Out, then in again (after a reload: the language was kept).
  await page.click('[data-testid=logout]')
  await page.waitForURL(/\/login/)
  await page.reload()
  await page.fill('#login-user', 'admin')
  await page.fill('#login-pass', password)
  await shot('login')
  await page.click('form button[type=submit]')
  await page.waitForURL(panel.base + '/overview')

  // Enable hello after seeing the permission it asks for.
  await nav('/plugins')
  await page.click('[data-plugin=hello] [data-testid=enable]')
  await page.waitForSelector('dialog[open] [data-testid=permissions]')
  assert.match(await page.textContent('dialog[open] [data-testid=permissions]'), /kv/)
  await shot('plugin-enable')
  await page.click('dialog[open] [data-testid=approve]')
  await page.waitForSelector('[data-plugin=hello] a[href="/p/hello"]')
  await shot('plugins')
  await page.click('[data-plugin=hello] a[href="/plugins/hello"]')
  await page.waitForSelector('#settings-h')
  await shot('plugin-detail')
  await page.goBack()

  // The plugin's generated page: a refused greeting, then a good one.
  await page.click('[data-plugin=hello] a[href="/p/hello"]')
  await page.waitForSelector('[data-kind=greeting] [data-testid=create]')
  await page.click('[data-kind=greeting] [data-testid=create]')
  allowStatus = 422
  await page.click('[data-kind=greeting] form button[type=submit]')
  await page.waitForSelector('#f_name-err')
  assert.match(await page.textContent('#f_name-err'), /required/)
  assert.equal(await page.getAttribute('#f_name', 'aria-invalid'), 'true')
  allowStatus = 0
  await page.fill('#f_name', 'Ada')
  await page.fill('#f_message', 'marhaba')
  await shot('greeting-form')
  await page.click('[data-kind=greeting] form button[type=submit]')
  await page.waitForSelector('[data-kind=greeting] tbody tr')
  assert.match(await page.textContent('[data-kind=greeting] tbody'), /Ada[\s\S]*marhaba/)

  // The wave action, watched to the end.
  await page.click('[data-action=wave]')
  await page.fill('#f_times', '3')
  await page.click('#actions-h ~ .card form button[type=submit]')
  await page.waitForSelector('[data-testid=task][data-state=succeeded]', { timeout: 30_000 })
  assert.equal(await page.getAttribute('[data-testid=task][data-state=succeeded] progress', 'value'), '1')
  await shot('plugin-page')

  await monitoring(page, nav, shot)
  await logs(page, nav, shot, (s) => (allowStatus = s))

  for (const [path, name] of [['/tasks', 'tasks'], ['/audit', 'audit'], ['/users', 'users'], ['/account', 'account']]) {
    await nav(path)
    await shot(name)
  }
  await twoFactor(page, panel, shot, password, (s) => (allowStatus = s))
  await languageSwitch(page, locale)
  await narrow(page, panel, locale)
  await dark(page, panel, locale)

  assert.deepEqual(errors, [], 'console errors')
}

// A digit in any script the locales use (Arabic-Indic in Arabic).
const digit = /[0-9\u0660-\u0669]/

/**
 * monitoring enables the monitoring plugin, defines an alert that always
 * breaches, and waits for the overview's live CPU figure, its charts and
 * the alert firing.
 */
async function monitoring(page, nav, shot) {
  await nav('/plugins')
  await page.click('[data-plugin=monitoring] [data-testid=enable]')
  await page.waitForSelector('dialog[open] [data-testid=permissions]')
  assert.match(await page.textContent('dialog[open] [data-testid=permissions]'), /events\.publish/)
  await page.click('dialog[open] [data-testid=approve]')
  await page.waitForSelector('[data-plugin=monitoring] a[href="/p/monitoring"]')
  const created = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/auth/me')).json()
    const body = JSON.stringify({ name: 'cpu busy', metric: 'cpu_usage_ratio', condition: '>', threshold: -1, duration: 0 })
    const r = await fetch('/api/v1/plugins/monitoring/resources/alert', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body })
    return r.status
  })
  assert.equal(created, 201, 'alert created')
  await nav('/overview')
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid=cpu]')?.textContent ?? ''), digit.source, { timeout: 10_000 })
  await page.waitForSelector('[data-chart=cpu] canvas', { timeout: 10_000 })
  for (const id of ['memory', 'disk', 'network']) await page.waitForSelector(`[data-chart=${id}] canvas`)
  await page.waitForSelector('[data-testid=alerts] [data-state=firing]', { timeout: 15_000 })
  assert.match(await page.textContent('[data-testid=alerts] [data-state=firing]'), /cpu busy/)
  await page.waitForTimeout(1500) // a few more samples, for a chart with a line in the screenshot
  await shot('overview-live')
}

/** logs filters the logs page by a plugin's source, then by level and text, and checks a refused query names its field. */
async function logs(page, nav, shot, allow) {
  // At debug level the panel logs every request: 150 of them make sure
  // there is more than one page (100 entries) to load.
  await page.evaluate(async () => {
    for (let i = 0; i < 150; i++) await fetch('/api/v1/version')
  })
  await nav('/logs')
  await page.waitForSelector('[data-testid=log-table] tbody tr')
  // Load the older page: each entry strictly older than the oldest before it.
  const times = () => page.$$eval('[data-testid=log-table] tbody time', (ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))))
  const first = await times()
  assert.equal(first.length, 100, 'one full page')
  await page.click('[data-testid=log-older]')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=log-table] tbody tr').length > 100)
  const both = await times()
  assert.ok(both.slice(100).every((t) => t < first[99]), 'older entries follow the oldest shown')
  assert.ok(both.every((t, i) => i === 0 || t <= both[i - 1]), 'newest first throughout')
  await page.selectOption('[data-testid=log-source]', 'plugin.hello')
  await page.click('[data-testid=log-search]')
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=log-table] tbody tr')]
    return rows.length > 0 && rows.every((r) => r.dataset.source === 'plugin.hello')
  }, null, { timeout: 10_000 })
  await shot('logs')
  await page.selectOption('[data-testid=log-source]', '')
  await page.selectOption('[data-testid=log-level]', 'info')
  await page.fill('#l-q', 'REGISTERED BUILT-IN')
  await page.click('[data-testid=log-search]')
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=log-table] tbody tr')]
    return rows.length >= 2 && rows.every((r) => ['info', 'warn', 'error'].includes(r.dataset.level) && /registered built-in/i.test(r.textContent))
  }, null, { timeout: 10_000 })
  allow(400)
  const refused = await page.evaluate(async () => {
    const r = await fetch('/api/v1/logs?level=loud')
    return { status: r.status, field: (await r.json()).error?.details?.field }
  })
  allow(0)
  assert.deepEqual(refused, { status: 400, field: 'level' })
}

/** twoFactor enrols TOTP from the account page, signs out, and signs in with a code. */
async function twoFactor(page, panel, shot, password, allow) {
  await page.click('[data-testid=enroll]')
  await page.waitForSelector('[data-testid=qr]')
  assert.match(await page.getAttribute('[data-testid=qr]', 'src'), /^data:image\/gif;base64,/)
  await shot('account-2fa')
  const secret = (await page.textContent('[data-testid=totp-secret]')).trim()
  await page.fill('#totp-code', totp(secret))
  await page.click('#totp-code ~ button[type=submit]')
  await page.waitForSelector('[data-testid=recovery-codes] li')
  await shot('account-recovery')
  await page.click('[data-testid=logout]')
  await page.waitForURL(/\/login/)
  await page.fill('#login-user', 'admin')
  await page.fill('#login-pass', password)
  allow(401) // the password step answers 401 totp_required
  await page.click('form button[type=submit]')
  await page.waitForSelector('#login-code')
  allow(0)
  await shot('login-totp')
  // The enrolment spent this step's code; the next step's is accepted too (one step of skew).
  await page.fill('#login-code', totp(secret, Date.now() / 1000 + 30))
  await page.click('form button[type=submit]')
  await page.waitForURL(panel.base + '/overview')
}

/** languageSwitch switches to the other language, which a reload keeps, and back. */
async function languageSwitch(page, locale) {
  const other = locale === 'en' ? 'ar' : 'en'
  const dirOf = (l) => (l === 'ar' ? 'rtl' : 'ltr')
  const html = () => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])
  await page.selectOption('[data-testid=locale]', other)
  assert.deepEqual(await html(), [other, dirOf(other)])
  await page.reload()
  await page.waitForSelector('[data-testid=locale]')
  assert.deepEqual(await html(), [other, dirOf(other)], 'the language survives a reload')
  assert.equal(await page.inputValue('[data-testid=locale]'), other)
  await page.selectOption('[data-testid=locale]', locale)
  assert.deepEqual(await html(), [locale, dirOf(locale)])
}

/** narrow checks the overview and a plugin page at 360 px wide: no horizontal overflow. */
async function narrow(page, panel, locale) {
  await page.setViewportSize({ width: 360, height: 780 })
  try {
    for (const [path, ready, name] of [['/overview', '[data-chart=cpu] canvas', 'overview'], ['/p/hello', '[data-kind=greeting] tbody tr', 'plugin-page']]) {
      await page.goto(panel.base + path)
      await page.waitForSelector(ready)
      await page.waitForTimeout(300) // the charts follow their box's width
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `${path} is ${width} px wide at 360 px`)
      await page.screenshot({ path: join(artifacts, `${locale}-${name}-360.png`), fullPage: true })
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 })
  }
}

/** dark picks the dark theme (kept across a reload) and screenshots pages in it. */
async function dark(page, panel, locale) {
  await page.selectOption('[data-testid=theme]', 'dark')
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark')
  for (const [path, ready, name] of [['/overview', '[data-chart=cpu] canvas', 'overview'], ['/p/hello', '[data-kind=greeting] tbody tr', 'plugin-page'], ['/logs', '[data-testid=log-table] tbody tr', 'logs']]) {
    await page.goto(panel.base + path)
    await page.waitForSelector(ready)
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', `dark on ${path}`)
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    assert.equal(bg, 'rgb(20, 20, 19)', `dark background on ${path}`)
    await page.screenshot({ path: join(artifacts, `${locale}-${name}-dark.png`), fullPage: true })
  }
}
