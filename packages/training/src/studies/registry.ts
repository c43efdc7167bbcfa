import { additionStudy } from './addition-study';
import { parityStudy } from './parity-study';
import { sineStudy } from './sine-study';
import type { Study } from './study';

/** Every study, in the order `rnn study --help` names them: the notebooks' order. */
export const studies: readonly Study[] = [sineStudy, additionStudy, parityStudy];

/** The study called `name`, or a RangeError listing the names there are. */
export function findStudy(name: string): Study {
  const study = studies.find((s) => s.name === name);
  if (!study) {
    throw new RangeError(`study must be one of ${studies.map((s) => s.name).join(', ')}; got ${JSON.stringify(name)}`);
  }
  return study;
}
