import { describe, expect, it } from 'vitest';
import { cmd, surroundings } from './classifiers/command-factory.js';
import { placesOnLine } from './selections.js';
import type { SimpleCommand } from './types.js';

const here = surroundings({ terraformWorkspace: 'dev', kubeContext: 'kind-dev' });

/** The workspace and kube context each command is judged in. */
function judged(commands: SimpleCommand[]): string[][] {
  return placesOnLine(commands, here).map((places) =>
    places.map(
      ({ command, surroundings: s }) =>
        `${command.env.TF_WORKSPACE ?? s.terraformWorkspace ?? '-'}/${s.kubeContext ?? '-'}/${s.dockerContext ?? '-'}`,
    ),
  );
}

describe('selections made earlier on a line', () => {
  it('a selection the line stops without holds for the commands after it', () => {
    expect(
      judged([cmd('terraform workspace select prod', { stopsLine: true }), cmd('terraform destroy')]),
    ).toEqual([['dev/kind-dev/-'], ['prod/kind-dev/-']]);
  });

  it('a selection that may have failed leaves both places to judge', () => {
    expect(judged([cmd('kubectl config use-context prod-eu'), cmd('kubectl delete ns web')])).toEqual([
      ['dev/kind-dev/-'],
      ['dev/prod-eu/-', 'dev/kind-dev/-'],
    ]);
  });

  it('a workspace is selected per directory; TF_WORKSPACE and -chdir win over it', () => {
    const select = cmd('terraform workspace select prod', { stopsLine: true });
    expect(judged([select, cmd('terraform destroy', { cwd: 'infra' })])[1]).toEqual(['dev/kind-dev/-']);
    expect(judged([select, cmd('terraform destroy', { env: { TF_WORKSPACE: 'qa' } })])[1]).toEqual([
      'qa/kind-dev/-',
    ]);
    const elsewhere = cmd('terraform -chdir=infra workspace select prod', { stopsLine: true });
    expect(judged([elsewhere, cmd('terraform destroy')])[1]).toEqual(['dev/kind-dev/-']);
    const moved = cmd('terraform workspace select prod', { stopsLine: true, cwd: 'infra' });
    expect(judged([moved, cmd('terraform destroy', { cwd: 'infra' })])[1]).toEqual(['prod/kind-dev/-']);
  });

  it('a selection on another machine, or in another kubeconfig, is not this one', () => {
    const remote = cmd('kubectl config use-context prod-eu', {
      stopsLine: true,
      remote: { kind: 'ssh', host: 'bastion' },
    });
    expect(judged([remote, cmd('kubectl delete ns web')])[1]).toEqual(['dev/kind-dev/-']);
    const other = cmd('kubectl config use-context prod-eu', { stopsLine: true, env: { KUBECONFIG: 'x' } });
    expect(judged([other, cmd('kubectl delete ns web')])[1]).toEqual(['dev/kind-dev/-']);
  });

  it('docker context use and kubectx select too', () => {
    expect(
      judged([
        cmd('docker context use build-box', { stopsLine: true }),
        cmd('kubectx prod-us', { stopsLine: true }),
        cmd('docker rm -f api-dev'),
      ])[2],
    ).toEqual(['dev/prod-us/build-box']);
  });
});
