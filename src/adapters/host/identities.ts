import { homedir } from 'node:os';
import type { Identities } from '../../core/actions/evidence.js';
import { readAwsProfiles } from './aws-config.js';
import { readAzureSubscription } from './azure-config.js';
import { readGcloudProject } from './gcloud-config.js';
import { readKubeContexts } from './kubeconfig.js';

/** What names resolve to on this machine: kube contexts, AWS profiles, the gcloud project, the Azure subscription. */
export function readIdentities(env: Record<string, string | undefined>): Identities {
  const home = env.HOME ?? homedir();
  const gcpProject = readGcloudProject(env, home);
  const azureSubscription = readAzureSubscription(env, home);
  return {
    kubeContexts: readKubeContexts(env, home),
    awsProfiles: readAwsProfiles(env, home),
    ...(gcpProject !== undefined ? { gcpProject } : {}),
    ...(azureSubscription !== undefined ? { azureSubscription } : {}),
  };
}
