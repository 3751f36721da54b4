import { each, type ToolFamily } from '../family.js';
import { awsChangeBatch } from './change-batches.js';
import { classifyAws, classifyCloudCli, classifyGsutil, classifyHttp } from './cloud.js';

const CLOUD_CLIS = [
  'gcloud',
  'az',
  'doctl',
  'hcloud',
  'linode-cli',
  'oci',
  'scw',
  'civo',
  'vultr-cli',
  'ibmcloud',
];

/** Cloud provider CLIs and raw HTTP calls to their APIs. */
export const cloud: ToolFamily = {
  id: 'cloud',
  tools: (deps) => ({
    aws: (command, surroundings) => {
      const own = classifyAws(command, surroundings);
      return own.length > 0 ? own : awsChangeBatch(command, surroundings, deps.readRunFile);
    },
    ...each(CLOUD_CLIS, classifyCloudCli),
    gsutil: classifyGsutil,
    ...each(['curl', 'wget', 'http', 'https', 'xh', 'xhs'], classifyHttp),
  }),
  partial: ['aws', ...CLOUD_CLIS, 'gsutil'],
};
