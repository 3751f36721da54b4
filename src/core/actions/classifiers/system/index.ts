import { each, type ToolFamily } from '../family.js';
import {
  classifyCrontab,
  classifyFirewall,
  classifyKill,
  classifyPower,
  classifyServiceControl,
} from './system.js';

/** The machine itself: power, services, scheduled jobs, firewall, processes. */
export const system: ToolFamily = {
  id: 'system',
  tools: () => ({
    ...each(['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit'], classifyPower),
    ...each(['systemctl', 'service'], classifyServiceControl),
    crontab: classifyCrontab,
    ...each(['iptables', 'ip6tables', 'nft', 'ufw'], classifyFirewall),
    ...each(['kill', 'killall', 'pkill', 'killall5'], classifyKill),
  }),
};
