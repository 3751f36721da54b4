import type { ToolFamily } from '../family.js';
import { localMachineClassifiers } from './local-machines.js';

/** Tools that run a machine of their own on this one: Vagrant VMs, simulators and emulators, LocalStack. */
export const localMachines: ToolFamily = {
  id: 'local-machines',
  tools: () => localMachineClassifiers(),
};
