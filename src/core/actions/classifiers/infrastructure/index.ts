import { each, type ToolFamily } from '../family.js';
import { classifyPulumi, classifyStackTool, createTerraformClassifier } from './infrastructure.js';

/** Infrastructure as code: terraform and its forks, pulumi, stack tools. */
export const infrastructure: ToolFamily = {
  id: 'infrastructure',
  tools: (deps) => ({
    ...each(['terraform', 'tofu', 'terragrunt'], createTerraformClassifier(deps)),
    pulumi: classifyPulumi,
    ...each(['cdk', 'sam', 'serverless', 'sls', 'eksctl', 'kops', 'copilot'], classifyStackTool),
  }),
};
