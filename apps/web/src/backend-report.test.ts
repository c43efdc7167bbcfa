import type { BackendStatus } from '@rnn/models';
import { backendReportHtml } from './backend-report';

describe('backendReportHtml', () => {
  const statuses: BackendStatus[] = [
    { name: 'webgl', package: '@tensorflow/tfjs', available: true, trains: true, reason: 'loads and trains' },
    {
      name: 'webgpu',
      package: '@tensorflow/tfjs-backend-webgpu',
      available: false,
      trains: false,
      reason: 'is not installed',
      remedy: 'install it with: npm install <pkg>',
    },
  ];

  it('marks the backend in use and gives the reason for each', () => {
    const html = backendReportHtml(statuses, { name: 'webgl', reason: 'fastest', passedOver: [] });
    expect(html).toContain('<tr aria-current="true"><td>webgl</td><td>trains</td>');
    expect(html).toContain(
      '<td>webgpu</td><td>unavailable</td><td>is not installed (install it with: npm install &#60;pkg&#62;)</td>',
    );
    expect(html).toContain('Using <strong>webgl</strong>: fastest');
  });
});
