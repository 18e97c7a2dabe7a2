// Electron security scan (npm run test:security) with Doyensec's electronegativity, offline.
//
//   node scripts/security-scan.mjs            scan the app: electron/, renderer/**/*.html, package.json
//   node scripts/security-scan.mjs <path>...  scan these files/folders instead
//
// Fails (exit 1) on any finding of severity MEDIUM or above, on any sign of Node integration
// in a page (electronegativity rates an explicit `nodeIntegration: true` only INFORMATIONAL,
// but for this app it is always wrong), on files it could not parse (they would be silently
// unscanned), and when there is nothing to scan. LOW and INFORMATIONAL findings are printed.
//
// A finding that was reviewed and accepted is silenced where it occurs, with the reason:
//   /* eng-disable PRELOAD_JS_CHECK */ // why it is fine
//
// The dev-only preview bridge (electron/preview) is scanned like the rest: it is never packaged,
// but it currently produces no findings, so excluding it would only hide future mistakes.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const FAIL_AT = 2; // electronegativity severities: 0 INFORMATIONAL, 1 LOW, 2 MEDIUM, 3 HIGH
const ALWAYS_FAIL = new Set(['NODE_INTEGRATION_JS_CHECK', 'NODE_INTEGRATION_HTML_CHECK', 'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK']);
// Needs the network (it downloads Electron's release list); Electron's version is kept current
// through dependency updates instead.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const SCANNED = /\.(js|jsx|ts|tsx|mjs|cjs|html|htm)$/i;

/** Copies what is scanned into one folder, keeping repo-relative paths, so a single run sees
 * both main-process code and the page's HTML (where the Content-Security-Policy lives). */
function stage(targets) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ami-atlas-security-'));
  let files = 0;
  const copy = (from, to) => {
    cpSync(from, to, {
      recursive: true,
      filter: (src) => {
        if (path.basename(src) === 'node_modules') return false;
        if (statSync(src).isDirectory()) return true;
        const wanted = SCANNED.test(src) || path.basename(src) === 'package.json';
        if (wanted) files += 1;
        return wanted;
      },
    });
  };
  for (const target of targets) {
    const abs = path.resolve(target.base, target.path);
    if (!existsSync(abs)) throw new Error(`nothing to scan at ${target.path}`);
    const rel = path.relative(target.base, abs);
    const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.basename(abs);
    copy(abs, path.join(dir, inside));
  }
  return { dir, files };
}

function htmlFiles(folder) {
  if (!existsSync(folder)) return [];
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.html?$/i.test(entry.name)) found.push(path.join(entry.parentPath, entry.name));
  }
  return found.filter((file) => !file.split(path.sep).includes('node_modules'));
}

function defaultTargets() {
  return [
    { base: repoRoot, path: 'electron' },
    ...htmlFiles(path.join(repoRoot, 'renderer')).map((file) => ({ base: repoRoot, path: path.relative(repoRoot, file) })),
    { base: repoRoot, path: 'package.json' },
  ];
}

async function scan(input) {
  const electronegativity = require('@doyensec/electronegativity');
  const run = electronegativity.default ?? electronegativity;
  // It tries to download fresh translations first (1 s timeout) and says so on failure:
  // irrelevant offline, so that one line is dropped.
  const log = console.log;
  console.log = (...args) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Could not retrieve updated translations')) return;
    log(...args);
  };
  try {
    return await run(
      {
        input,
        isRelative: true,
        // The installed Electron decides the defaults it judges webPreferences against.
        electronVersionOverride: require('electron/package.json').version,
        excludeFromScan: EXCLUDED_CHECKS.map((name) => name.toLowerCase()),
      },
      false,
    );
  } finally {
    console.log = log;
  }
}

function table(rows) {
  const header = ['severity', 'confidence', 'check', 'where', 'note'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const targets = args.length ? args.map((p) => ({ base: process.cwd(), path: p })) : defaultTargets();
  const shown = targets
    .map((t) => {
      const abs = path.resolve(t.base, t.path);
      const rel = path.relative(repoRoot, abs);
      return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel || '.';
    })
    .join(', ');

  const { dir, files } = stage(targets);
  let result;
  try {
    if (files === 0) throw new Error(`no JavaScript, TypeScript or HTML files found in ${shown}`);
    result = await scan(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const problems = [];
  for (const error of result.errors) {
    const where = path.relative(dir, error.file);
    if (error.tolerable) console.log(`warning: ${where}: ${error.message}`);
    else problems.push(`could not parse ${where} (it was not scanned): ${error.message}`);
  }

  const issues = [...result.issues].sort((a, b) => b.severity.value - a.severity.value);
  const failing = (issue) => issue.severity.value >= FAIL_AT || ALWAYS_FAIL.has(issue.id);
  const rows = issues.map((issue) => [
    failing(issue) ? `${issue.severity.name} ✗` : issue.severity.name,
    issue.confidence.name,
    issue.id,
    issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}:${issue.location.column}`,
    `${issue.manualReview ? 'review: ' : ''}${issue.description}`,
  ]);
  if (rows.length) console.log(table(rows));
  for (const issue of issues.filter(failing)) {
    problems.push(`${issue.id} (${issue.severity.name}) ${issue.file === 'N/A' ? 'in the app' : `at ${issue.file}:${issue.location.line}`}: ${issue.shortenedURL ?? ''}`);
  }

  const counts = `${files} file(s), ${result.atomicChecks + result.globalChecks} checks, ${issues.length} finding(s)`;
  if (problems.length) {
    for (const problem of problems) console.error(`FAIL ${problem}`);
    console.error(`security scan: FAILED (${counts}; ${problems.length} at MEDIUM or above, Node integration, or unparsed) in ${shown}`);
    process.exit(1);
  }
  console.log(`security scan: OK (${counts}, none at MEDIUM or above) in ${shown}`);
}

main().catch((error) => {
  console.error(`security scan: could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
