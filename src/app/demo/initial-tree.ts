import { DEMO_PEOPLE, DEMO_SERVICES, demoConfigYaml } from './organisation.js';
import type { CommitIdentity } from './pull-requests.js';

/** The files of the example repository's first commit: the config, CODEOWNERS and every service. */
export function initialTree(): Record<string, string> {
  const files: Record<string, string> = {
    'blastwall.yaml': demoConfigYaml(),
    '.gitignore': '.blastwall/\nnode_modules/\n',
    '.github/CODEOWNERS': '* @shop/platform\n/tools/ @shop/platform\n/.github/ @shop/platform\n',
    'README.md': '# shop\n\nThe services of the example shop. See docs/ for runbooks.\n',
    'tools/lint.sh': '#!/bin/sh\nnpm run lint\n',
  };
  for (const service of DEMO_SERVICES) {
    if (service.id === 'docs') {
      files['docs/runbook.md'] = '# Runbook\n\nPage the owning team first.\n';
      continue;
    }
    const dir = `services/${service.id}`;
    files[`${dir}/README.md`] = `# ${service.id}\n\nOwner: ${service.owner}. Tier ${service.tier}.\n`;
    files[`${dir}/src/index.ts`] =
      `export const service = '${service.id}';\nexport const tier = ${service.tier};\n`;
    if (service.infra)
      files[`infra/${service.id}/main.tf`] =
        `module "${service.id}" {\n  source = "../modules/service"\n  name   = "${service.id}"\n}\n`;
  }
  return files;
}

/** Who made the first commit: the most senior platform engineer. */
export function founder(): CommitIdentity {
  const person = DEMO_PEOPLE.find((p) => p.team === 'platform' && p.level === 'principal')!;
  return { name: person.name, email: person.email };
}
