import { SequenceModel, type RecurrentModel } from '@rnn/models';
import { sineRecipe } from '../recipes/sine';
import { eigenvalues, type DescribedEigenvalue } from './eigenvalues';
import type { Study, StudyRow, StudyVariant } from './study';

/** The recipe's own budget: each variant trains in 10-20 s here, all six in about a minute and a half. */
const budget = { task: { n: 1000 }, epochs: 20, batchSize: 2, learningRate: 0.003 } as const;

const sampleInterval = Number(sineRecipe.task.options.sampleInterval ?? 0.1);

/** The angle per step of a sine of frequency `f` sampled every `dt`: the e^(+-i angle) it needs. */
export function angleOfFrequency(f: number, dt: number = sampleInterval): number {
  return 2 * Math.PI * f * dt;
}

function variant(frequencies: readonly number[], hidden: number): StudyVariant {
  const weights = frequencies.map(() => 1 / frequencies.length);
  return {
    label: `frequencies ${frequencies.join(' + ')}, ${hidden} unit${hidden === 1 ? '' : 's'}`,
    recipe: 'sine',
    overrides: { hidden, task: { frequencies, weights } },
    columns: {
      frequencies: frequencies.join(', '),
      hidden,
      needed: frequencies.map((f) => `±${angleOfFrequency(f).toFixed(3)}`).join(', '),
    },
  };
}

/** The linear recurrence of a one-layer Elman tagger with one real input and output, as matrices. */
export interface ElmanDynamics {
  /** W_x, [1, units]: how the input enters the state. */
  readonly input: number[][];
  /** W_hh, [units, units]: h_t = x_t W_x + h_{t-1} W_hh + b (row vectors, as the cells compute). */
  readonly recurrent: number[][];
  /** W_y, [units, 1]: y_t = h_t W_y + b_y. */
  readonly output: number[][];
  /**
   * W_hh + W_y W_x: in closed loop y_t is the next input, so h_{t+1} = h_t (W_hh + W_y W_x) + const;
   * this matrix alone decides whether the generated wave decays, grows or keeps turning.
   */
  readonly closedLoop: number[][];
}

/** Reads the matrices of a trained one-layer Elman tagger with one input and one output. */
export function elmanDynamics(model: RecurrentModel): ElmanDynamics {
  if (!(model instanceof SequenceModel) || model.spec.rnn.kind !== 'elman' || model.stack.cells.length !== 1) {
    throw new RangeError('model must be a one-layer Elman sequence model');
  }
  const [kernel, recurrentKernel] = model.stack.cells[0].weights;
  const [headKernel] = model.head.weights;
  const input = kernel.arraySync() as number[][];
  const recurrent = recurrentKernel.arraySync() as number[][];
  const output = headKernel.arraySync() as number[][];
  if (input.length !== 1 || output[0]?.length !== 1) {
    throw new RangeError('model must read one real value per step and write one');
  }
  const closedLoop = recurrent.map((row, i) => row.map((w, j) => w + output[i][0] * input[0][j]));
  return { input, recurrent, output, closedLoop };
}

/** Eigenvalues as "modulus∠angle", a conjugate pair once as "modulus∠±angle". */
export function formatEigenvalues(values: readonly DescribedEigenvalue[]): string {
  return values
    .filter((z) => z.im >= 0)
    .map((z) => `${z.modulus.toFixed(3)}∠${z.im > 0 ? '±' : ''}${Math.abs(z.angle).toFixed(3)}`)
    .join(', ');
}

function sineFinding(rows: readonly StudyRow[]): string {
  const goal = rows[0]?.target.atMost ?? 0.01;
  const reached = rows.filter((r) => r.reached).map((r) => r.label);
  const missed = rows.filter((r) => !r.reached).map((r) => `${r.label} (${r.target.value.toPrecision(2)})`);
  const nearest = rows.map((r) => {
    const { closedLoop, needed } = r.details as { closedLoop: DescribedEigenvalue[]; needed: number[] };
    if (closedLoop.length === 0) return `${r.label}: diverged`;
    const pairs = needed.map((angle) => {
      const best = closedLoop.reduce((a, b) => (Math.abs(b.angle - angle) < Math.abs(a.angle - angle) ? b : a));
      return `${best.angle.toFixed(3)} rad at modulus ${best.modulus.toFixed(3)} for ${angle.toFixed(3)}`;
    });
    return `${r.label}: ${pairs.join(', ')}`;
  });
  return (
    `Closed-loop MSE <= ${goal} reached by ${reached.length} of ${rows.length}: ${reached.join('; ') || 'none'}` +
    `${missed.length > 0 ? `; not reached: ${missed.join('; ')}` : ''}. ` +
    `Closed-loop eigenvalue nearest each needed angle per step: ${nearest.join('; ')}.`
  );
}

/**
 * The sequences notebook's question about its linear RNN: what can a linear dynamical system
 * generate? One frequency needs one pair of closed-loop eigenvalues on the unit circle at the wave's
 * angle per step, two frequencies two pairs; the study trains 1, 2 and 4 units on one and on two
 * frequencies and reads the eigenvalues off the trained matrices.
 */
export const sineStudy: Study = {
  name: 'sine',
  question:
    'What can a linear RNN generate on its own: how many units does a closed loop need for one ' +
    'sine and for a sum of two, and do the learned eigenvalues sit where the waves need them?',
  source: 'the sequences notebook',
  budget: {
    overrides: budget,
    description:
      `${budget.task.n.toLocaleString('en-US')} waves of 100 points every ${sampleInterval}, ${budget.epochs} epochs, ` +
      `batch ${budget.batchSize}, Adam at ${budget.learningRate}, first 3 predictions unscored ` +
      "(the sine recipe's own settings); closed loop: 10 true points, then 90 fed back, on 100 fresh waves",
  },
  variants: [[1], [1, 2]].flatMap((frequencies) => [1, 2, 4].map((hidden) => variant(frequencies, hidden))),
  columns: [
    { key: 'frequencies', header: 'frequencies' },
    { key: 'hidden', header: 'units' },
    { key: 'closedLoopMse', header: 'closed-loop MSE', digits: 5 },
    { key: 'needed', header: 'angles needed' },
    { key: 'recurrentEigenvalues', header: 'W_hh eigenvalues (modulus∠angle)' },
    { key: 'closedLoopEigenvalues', header: 'closed-loop eigenvalues (modulus∠angle)' },
  ],
  measure({ result, model }) {
    const dynamics = elmanDynamics(model);
    const dt = Number(result.settings.task.sampleInterval);
    const needed = (result.settings.task.frequencies as number[]).map((f) => angleOfFrequency(f, dt));
    // A run that diverged has no eigenvalues to read; its row still shows the (non-finite) error.
    if (!dynamics.closedLoop.flat().every(Number.isFinite)) {
      return {
        cells: { closedLoopMse: result.target.value, recurrentEigenvalues: null, closedLoopEigenvalues: null },
        details: { needed, recurrent: [], closedLoop: [], matrices: dynamics },
      };
    }
    const recurrent = eigenvalues(dynamics.recurrent);
    const closedLoop = eigenvalues(dynamics.closedLoop);
    return {
      cells: {
        closedLoopMse: result.target.value,
        recurrentEigenvalues: formatEigenvalues(recurrent),
        closedLoopEigenvalues: formatEigenvalues(closedLoop),
      },
      details: { needed, recurrent, closedLoop, matrices: dynamics },
    };
  },
  finding: sineFinding,
};
