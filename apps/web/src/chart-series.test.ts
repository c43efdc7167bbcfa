import { TrainingSeries } from './chart-series';

const batch = (epoch: number, b: number, loss: number) =>
  ({ type: 'batch', epoch, epochs: 2, batch: b, batches: 2, loss }) as const;

describe('TrainingSeries', () => {
  it('aligns batch losses, the metric of measured epochs and the target line on one axis of batches', () => {
    const series = new TrainingSeries(0.99);
    series.addBatch(batch(1, 1, 0.7));
    series.addBatch(batch(1, 2, 0.6));
    series.addEpoch({ type: 'epoch', epoch: 1, epochs: 2, loss: 0.65, seconds: 1 });
    series.addBatch(batch(2, 1, 0.3));
    series.addBatch(batch(2, 2, 0.1));
    series.addEpoch({ type: 'epoch', epoch: 2, epochs: 2, loss: 0.2, seconds: 1, metric: 0.995 });
    expect(series.length).toBe(4);
    expect(series.data()).toEqual([
      [1, 2, 3, 4],
      [0.7, 0.6, 0.3, 0.1],
      [null, null, null, 0.995],
      [0.99, 0.99, 0.99, 0.99],
    ]);
  });

  it('draws no target line for a recipe without one', () => {
    const series = new TrainingSeries();
    series.addBatch(batch(1, 1, 0.7));
    expect(series.data()[3]).toEqual([null]);
  });

  it("adds a language model's Markov baseline as a flat line, from the first step on", () => {
    const series = new TrainingSeries(2.35);
    series.addBatch(batch(1, 1, 4.1));
    expect(series.data()).toHaveLength(4);
    series.setBaseline(2.1);
    series.addBatch(batch(1, 2, 3.9));
    expect(series.data()).toEqual([
      [1, 2],
      [4.1, 3.9],
      [null, null],
      [2.35, 2.35],
      [2.1, 2.1],
    ]);
  });
});

describe('an opened run', () => {
  it('draws its recorded epochs at x = epoch, with the metric where it was measured', () => {
    const series = new TrainingSeries(0.99);
    series.addRecordedEpoch(1, 0.7);
    series.addRecordedEpoch(2, 0.4, 0.93);
    expect(series.data()).toEqual([
      [1, 2],
      [0.7, 0.4],
      [null, 0.93],
      [0.99, 0.99],
    ]);
  });
});
