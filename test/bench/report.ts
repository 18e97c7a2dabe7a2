/**
 * Benchmark results and how they are shown: one row per figure (target, measured, pass/fail),
 * printed as a table and kept in docs/benchmarks.md between marker comments, so the rest of
 * that page is hand-written and survives every run.
 */
import os from 'node:os';

export type Verdict = 'pass' | 'fail' | 'not measured';

export interface Figure {
  /** Which benchmark it belongs to (scan, grid, csv, transfer). */
  bench: string;
  figure: string;
  target: string;
  measured: string;
  verdict: Verdict;
  /** Why it was not measured, or what the number means. */
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export const verdict = (ok: boolean): Verdict => (ok ? 'pass' : 'fail');

export function notMeasured(bench: string, figure: string, target: string, why: string): Figure {
  return { bench, figure, target, measured: '-', verdict: 'not measured', note: why };
}

export const ms = (value: number): string => `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
export const seconds = (value: number): string => `${(value / 1000).toFixed(1)} s`;
export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export function textTable(figures: readonly Figure[]): string {
  const rows = [['FIGURE', 'TARGET', 'MEASURED', 'RESULT'], ...figures.map((f) => [f.figure, f.target, f.measured, f.verdict.toUpperCase()])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os}`;
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(figures: readonly Figure[]): string {
  const lines = ['| Figure | Target | Measured | Result | Notes |', '| --- | --- | --- | --- | --- |'];
  for (const f of figures) {
    const result = f.verdict === 'pass' ? 'pass' : f.verdict === 'fail' ? '**fail**' : '*not measured*';
    lines.push(`| ${escapeCell(f.figure)} | ${escapeCell(f.target)} | ${escapeCell(f.measured)} | ${result} | ${escapeCell(f.note ?? '')} |`);
  }
  return lines.join('\n');
}

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** The generated block of docs/benchmarks.md. */
export function resultsBlock(figures: readonly Figure[], m: Machine, when: Date, command: string): string {
  return [
    RESULTS_START,
    `Measured ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${command}\` on: ${machineLine(m)}.`,
    '',
    markdownTable(figures),
    RESULTS_END,
  ].join('\n');
}

/** Replaces the generated block in `doc`, keeping everything around it. */
export function spliceResults(doc: string, block: string): string {
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  if (start === -1 || end === -1 || end < start) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, start) + block + doc.slice(end + RESULTS_END.length);
}
