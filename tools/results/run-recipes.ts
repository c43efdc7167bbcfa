// `npm run results [-- --only a,b [--exact] | --render]`: runs every recipe through `rnn train <recipe> --json` (each in its
// own process, default seed 42), then the notebooks' own settings (`--notebook`), the variations the
// exercises ask about (`--reverse-input`, `--engine scratch`), every study (`rnn study <name>
// --json`) and the character language models (`rnn train charlm-quick|charlm`, both training schemes
// of the quick one, and a 500-character `rnn sample` of each). Each record is kept in docs/results.json and docs/results.md is rendered from it, so
// `--only` re-measures some rows and keeps the others (a name takes its variations too, `addition-lstm`
// its `--notebook` and `--reverse-input` rows; `--exact` takes the named rows alone). The numbers in those files come from here and
// nowhere else.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@rnn/datasets/node';
import { describeMachine } from '@rnn/models/node';
import { machinesOf } from './machines-of';
import { charlmQuickRecipe, markdownTable, recipes, type LanguageModelResult, type StudyResult } from '@rnn/training';
import { readingOf } from './study-readings';

const root = path.resolve(__dirname, '..', '..');
const rnn = path.join(root, 'apps', 'cli', 'bin', 'rnn.js');
const jsonFile = path.join(root, 'docs', 'results.json');
const mdFile = path.join(root, 'docs', 'results.md');
const { values } = parseArgs({
  options: { only: { type: 'string' }, exact: { type: 'boolean' }, render: { type: 'boolean' } },
});

/** What `rnn train --json` prints, as far as the table needs it. */
interface TrainJson {
  recipe: string;
  settings: Record<string, unknown>;
  target: { metric: string; atLeast?: number; atMost?: number; value: number; description: string };
  reached: boolean;
  seconds: number;
  backend?: string;
  kernel?: string;
  engine?: string;
  history: { epoch: number }[];
  report?: Record<string, unknown>;
}

/** One measured row: the command that made it and what it printed. */
interface RunRecord {
  readonly kind: 'recipe' | 'notebook' | 'variation';
  readonly key: string;
  readonly recipe: string;
  readonly command: string;
  readonly wallSeconds: number;
  readonly result: TrainJson;
  readonly measuredOn: string;
  /** The CPU and Node the record was measured on (`describeMachine`); absent in the oldest records. */
  readonly machine?: string;
}

/** One study's table as `rnn study <name> --json` prints it. */
interface StudyRecord {
  readonly key: string;
  readonly command: string;
  readonly wallSeconds: number;
  readonly result: Omit<StudyResult, 'markdown'>;
  readonly measuredOn: string;
  /** The CPU and Node the record was measured on (`describeMachine`); absent in the oldest records. */
  readonly machine?: string;
}

/** One character language model run: what `rnn train --json` printed, and a sample of its model. */
interface LanguageModelRecord {
  readonly key: string;
  readonly command: string;
  readonly sampleCommand: string;
  readonly wallSeconds: number;
  readonly result: LanguageModelResult & { backend: string; kernel: string };
  readonly sample: string;
  readonly measuredOn: string;
  /** The CPU and Node the record was measured on (`describeMachine`); absent in the oldest records. */
  readonly machine?: string;
}

interface Results {
  runs: RunRecord[];
  studies: StudyRecord[];
  languageModels?: LanguageModelRecord[];
}

/** The language model rows: the recipes, and the quick one with the other training scheme. */
const languageModelRuns = [
  { key: 'charlm-quick', args: ['train', 'charlm-quick'] },
  { key: 'charlm-quick --scheme windows', args: ['train', 'charlm-quick', '--scheme', 'windows'] },
  { key: 'charlm', args: ['train', 'charlm'] },
];

function rnnJson(args: string[]): { json: unknown; wall: number } {
  const started = performance.now();
  const out = execFileSync(process.execPath, [rnn, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { json: JSON.parse(out), wall: (performance.now() - started) / 1000 };
}

/** Every row `npm run results` measures, in the order of the tables. */
function plannedRuns(): Omit<RunRecord, 'result' | 'wallSeconds' | 'measuredOn'>[] {
  const runs: Omit<RunRecord, 'result' | 'wallSeconds' | 'measuredOn'>[] = [];
  for (const r of recipes) runs.push({ kind: 'recipe', key: r.name, recipe: r.name, command: `rnn train ${r.name}` });
  for (const r of recipes.filter((r) => r.notebook)) {
    runs.push({
      kind: 'notebook',
      key: `${r.name} --notebook`,
      recipe: r.name,
      command: `rnn train ${r.name} --notebook`,
    });
  }
  for (const name of ['addition-rnn', 'addition-lstm']) {
    runs.push({
      kind: 'variation',
      key: `${name} --reverse-input`,
      recipe: name,
      command: `rnn train ${name} --reverse-input`,
    });
  }
  for (const name of ['increasing', 'counting']) {
    runs.push({
      kind: 'variation',
      key: `${name} --engine scratch`,
      recipe: name,
      command: `rnn train ${name} --engine scratch`,
    });
  }
  return runs;
}

const studyNames = ['parity', 'sine', 'addition'];

function chosen(key: string, only: string[] | undefined): boolean {
  if (values.exact) return !only || only.some((o) => key === o || key === `study ${o}`);
  return !only || only.some((o) => key === o || key.startsWith(`${o} `) || key === `study ${o}`);
}

const fixed = (x: number) => (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(4));
const goalOf = (t: TrainJson['target']) => (t.atLeast !== undefined ? `>= ${t.atLeast}` : `<= ${t.atMost}`);
const cell = (text: string) => text.replace(/\|/g, '\\|');

function runRow(r: RunRecord): string {
  const { result } = r;
  const where =
    result.engine === 'scratch' ? 'plain TypeScript (no tfjs)' : `${result.backend}, ${result.kernel} kernel`;
  return `| ${r.recipe} | ${cell(result.target.description)} | ${fixed(result.target.value)} | ${result.reached ? 'yes' : '**no**'} | ${result.history.length} | ${result.seconds.toFixed(1)} | ${where} | \`${r.command} --json\` |`;
}

const bits = (x: number) => x.toFixed(3);

function languageModelRow(r: LanguageModelRecord): string {
  const x = r.result;
  const s = x.settings;
  const markov = x.markov
    ? `${bits(x.markov.validationBitsPerChar)} / ${bits(x.markov.testBitsPerChar)} (order ${x.markov.order})`
    : '—';
  return (
    `| ${x.recipe} | embedding ${s.embedding} + ${s.cell} ${s.hidden}x${s.layers}${s.dropout ? `, dropout ${s.dropout}` : ''} | ${s.scheme} | ` +
    `${bits(x.validationBitsPerChar)} | ${bits(x.testBitsPerChar)} | ${markov} | ${cell(x.target.description)} | ` +
    `${x.reached ? 'yes' : '**no**'} | ${x.steps}/${x.plannedSteps} | ${x.seconds.toFixed(0)} | \`${r.command} --json\` |`
  );
}

function renderLanguageModels(records: readonly LanguageModelRecord[]): string[] {
  if (records.length === 0) return [];
  const ordered = languageModelRuns
    .map((p) => records.find((r) => r.key === p.key))
    .filter((r): r is LanguageModelRecord => r !== undefined);
  const quick = ordered.filter((r) => r.result.recipe === 'charlm-quick');
  const schemes =
    quick.length === 2
      ? (() => {
          const [a, b] = [...quick].sort((x, y) => x.result.validationBitsPerChar - y.result.validationBitsPerChar);
          const chosenScheme = charlmQuickRecipe.training.scheme;
          return [
            `In the same budget, **${a.result.settings.scheme}** reached ${bits(a.result.validationBitsPerChar)} bits per character on validation and ${b.result.settings.scheme} ${bits(b.result.validationBitsPerChar)}. ` +
              (a.result.settings.scheme === chosenScheme
                ? `charlm-quick defaults to the winner, ${chosenScheme} (\`--scheme\` chooses).`
                : `charlm-quick defaults to ${chosenScheme}, which lost here: the default should follow this measurement.`),
            '',
          ];
        })()
      : [];
  return [
    '## The character language model',
    '',
    'Bits per character on the shared split of tinyshakespeare (train the first 90%, validation the next 5%, test the last 5%); the Markov column is the best Kneser-Ney order chosen on validation, then scored once on test. The validation part is easier text than the test part for every model.',
    '',
    '| recipe | model | scheme | validation bits/char | test bits/char | best Markov: validation / test | target | reached | steps | training s | command |',
    '|---|---|---|---:|---:|---|---|---|---:|---:|---|',
    ...ordered.map(languageModelRow),
    '',
    ...schemes,
    ...ordered
      .filter((r) => !r.key.includes('--scheme'))
      .flatMap((r) => [
        `### A sample of ${r.result.recipe}`,
        '',
        `\`${r.sampleCommand}\``,
        '',
        '```text',
        r.sample,
        '```',
        '',
      ]),
  ];
}

/** A counting run's extrapolation beyond the trained range. */
interface Extrapolation {
  readonly steps: number;
  readonly rows: readonly { readonly n: number; readonly generated: readonly number[] }[];
  readonly worstError: number;
}

/** A recipe's extra report as a reader wants it: a table for an extrapolation, else its JSON. */
function reportLines(recipe: string, report: Record<string, unknown>): string[] {
  const extrapolation = report.extrapolation as Extrapolation | undefined;
  if (extrapolation === undefined) return [`- **${recipe}**: \`${JSON.stringify(report)}\``, ''];
  const { steps, rows, worstError } = extrapolation;
  return [
    `- **${recipe}**, beyond the trained range: started at n = ${rows.map((row) => row.n).join(', ')} and run for ${steps} steps on its own outputs (it was trained on n in 0-99 and 5 steps); the farthest output is ${worstError} from n + step.`,
    '',
    markdownTable(
      [
        { key: 'n', header: 'n' },
        ...Array.from({ length: steps }, (_, k) => ({ key: `s${k}`, header: `step ${k + 1}`, digits: 2 })),
      ],
      rows.map((row) => Object.fromEntries([['n', row.n], ...row.generated.map((v, k) => [`s${k}`, v])])),
    ),
    '',
  ];
}

function render(results: Results): string {
  const byKey = new Map(results.runs.map((r) => [r.key, r]));
  const header = '| recipe | target | reached value | reached | epochs | training s | backend, kernel | command |';
  const rule = '|---|---|---:|---|---:|---:|---|---|';
  const section = (kind: RunRecord['kind']) =>
    plannedRuns()
      .filter((p) => p.kind === kind && byKey.has(p.key))
      .map((p) => runRow(byKey.get(p.key) as RunRecord));
  const records = [...results.runs, ...results.studies, ...(results.languageModels ?? [])];
  const dates = [...new Set(records.map((r) => r.measuredOn))].sort();
  const notebookWhy = recipes.filter((r) => r.notebook).map((r) => `- **${r.name}**: ${r.notebook?.why}.`);
  const extraReports = results.runs
    .filter((r) => r.kind === 'recipe' && r.result.report)
    .flatMap((r) => reportLines(r.recipe, r.result.report as Record<string, unknown>));
  const studies = studyNames
    .map((name) => results.studies.find((s) => s.key === `study ${name}`))
    .filter((s): s is StudyRecord => s !== undefined)
    .flatMap((s) => [
      `### ${s.result.name}: ${s.result.question}`,
      '',
      `\`${s.command} --json\` (${s.wallSeconds.toFixed(0)} s)`,
      '',
      `Budget, the same for every variant: ${s.result.budget.description}. Seed ${s.result.seed}.`,
      '',
      markdownTable(
        s.result.columns,
        s.result.rows.map((row) => row.cells),
      ),
      '',
      readingOf(s.result),
      '',
    ]);
  return [
    '# Results',
    '',
    `Recorded by \`npm run results\` (${dates.join(', ')}): every command below ran in its own process with the default seed 42, on ${machinesOf(records)}.`,
    "Training seconds are the trainer's own clock, with nothing else running on the two cores; targets are measured on fresh data the model never saw.",
    '',
    '## Every exercise, tuned defaults',
    '',
    header,
    rule,
    ...section('recipe'),
    '',
    ...(extraReports.length ? ['Reported beside the targets:', '', ...extraReports] : []),
    "## The notebooks' own settings (`--notebook`)",
    '',
    'Where a recipe departs from its notebook, `--notebook` runs the notebook as written. Why the defaults differ:',
    '',
    ...notebookWhy,
    '',
    header,
    rule,
    ...section('notebook'),
    '',
    '## Variations the exercises ask about',
    '',
    'The addition recipes with the input reversed (the Sutskever / Keras `invert` trick), and the two exercises of the RNN-from-scratch notebook on the plain-TypeScript engine.',
    '',
    header,
    rule,
    ...section('variation'),
    '',
    '## Studies',
    '',
    ...studies,
    ...renderLanguageModels(results.languageModels ?? []),
  ].join('\n');
}

async function main(): Promise<void> {
  const only = values.only?.split(',').map((s) => s.trim());
  const known = [
    ...plannedRuns().map((p) => p.key),
    ...studyNames.map((s) => `study ${s}`),
    ...languageModelRuns.map((r) => r.key),
  ];
  for (const o of only ?? []) {
    if (!known.some((k) => chosen(k, [o]))) {
      console.error(
        `results: --only ${o} names nothing; recipes: ${recipes.map((r) => r.name).join(', ')}; studies: ${studyNames.join(', ')}`,
      );
      process.exit(2);
    }
  }
  if (values.render) {
    // Re-render docs/results.md from docs/results.json (after a change to the page), measuring nothing.
    await writeFileAtomic(mdFile, `${render(JSON.parse(readFileSync(jsonFile, 'utf8')))}\n`);
    console.log(`wrote ${path.relative(root, mdFile)} from ${path.relative(root, jsonFile)}`);
    return;
  }
  const previous: Results = existsSync(jsonFile)
    ? JSON.parse(readFileSync(jsonFile, 'utf8'))
    : { runs: [], studies: [] };
  const results: Results = {
    runs: [...previous.runs],
    studies: [...previous.studies],
    languageModels: [...(previous.languageModels ?? [])],
  };
  const today = new Date().toISOString().slice(0, 10);
  const machine = describeMachine();
  for (const planned of plannedRuns().filter((p) => chosen(p.key, only))) {
    console.log(`${planned.command} --json ...`);
    const { json, wall } = rnnJson([...planned.command.split(' ').slice(1), '--json']);
    const result = json as TrainJson;
    console.log(
      `  ${result.target.metric} ${fixed(result.target.value)} (target ${goalOf(result.target)}) ${result.reached ? 'reached' : 'NOT reached'}, ${result.seconds.toFixed(1)} s training, ${wall.toFixed(1)} s wall`,
    );
    const record: RunRecord = { ...planned, result, wallSeconds: wall, measuredOn: today, machine };
    results.runs = [...results.runs.filter((r) => r.key !== planned.key), record];
    await writeFileAtomic(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  }
  for (const name of studyNames.filter((s) => chosen(`study ${s}`, only))) {
    console.log(`rnn study ${name} --json ...`);
    const { json, wall } = rnnJson(['study', name, '--json']);
    const record: StudyRecord = {
      key: `study ${name}`,
      command: `rnn study ${name}`,
      wallSeconds: wall,
      result: json as StudyRecord['result'],
      measuredOn: today,
      machine,
    };
    console.log(`  ${wall.toFixed(0)} s`);
    results.studies = [...results.studies.filter((s) => s.key !== record.key), record];
    await writeFileAtomic(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  }
  for (const planned of languageModelRuns.filter((p) => chosen(p.key, only))) {
    const out = path.join('runs', 'results', planned.key.replace(/[^a-z0-9]+/g, '-'));
    rmSync(path.join(root, out), { recursive: true, force: true });
    const command = `rnn ${planned.args.join(' ')}`;
    console.log(`${command} --out ${out} --json ...`);
    const { json, wall } = rnnJson([...planned.args, '--out', out, '--json']);
    const result = json as LanguageModelRecord['result'];
    console.log(
      `  validation ${bits(result.validationBitsPerChar)} bits/char, Markov ${result.markov ? bits(result.markov.validationBitsPerChar) : '-'}, ${result.reached ? 'reached' : 'NOT reached'}, ${result.seconds.toFixed(0)} s`,
    );
    const sampleArgs = ['sample', out, '--length', '500', '--seed', '42'];
    const sampled = rnnJson([...sampleArgs, '--json']).json as { text: string };
    const record: LanguageModelRecord = {
      key: planned.key,
      command,
      sampleCommand: `rnn ${sampleArgs.join(' ')}`,
      wallSeconds: wall,
      result,
      sample: sampled.text,
      measuredOn: today,
      machine,
    };
    results.languageModels = [...(results.languageModels ?? []).filter((r) => r.key !== record.key), record];
    await writeFileAtomic(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  }
  await writeFileAtomic(mdFile, `${render(results)}\n`);
  console.log(`wrote ${path.relative(root, jsonFile)} and ${path.relative(root, mdFile)}`);
}

main().catch((err) => {
  console.error(`results: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
