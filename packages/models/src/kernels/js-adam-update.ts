import type { AdamUpdate } from '@rnn/kernel-abi';

/** The portable Adam update of one weight array (the contract is `AdamUpdate`'s). */
export const jsAdamUpdate: AdamUpdate = (n, weights, gradient, m, v, out, lr, beta1, beta2, epsilon, c1, c2) => {
  for (let k = 0; k < n; k++) {
    const g = gradient[k];
    const mk = m[k] * beta1 + g * (1 - beta1);
    const vk = v[k] * beta2 + g * g * (1 - beta2);
    m[k] = mk;
    v[k] = vk;
    out[k] = weights[k] - (lr * (mk / c1)) / (Math.sqrt(vk / c2) + epsilon);
  }
};
