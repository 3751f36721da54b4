import { each, type ToolFamily } from '../family.js';
import {
  classifyCrontab,
  classifyFirewall,
  classifyKill,
  classifyNetworkDown,
  classifyPackageRemoval,
  classifyPasswd,
  classifyPower,
  classifyServiceControl,
  classifySysctl,
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
    ...each(['ip', 'ifdown', 'ifconfig', 'nmcli', 'tc'], classifyNetworkDown),
    sysctl: classifySysctl,
    passwd: classifyPasswd,
    ...each(['rpm', 'pacman', 'dpkg'], classifyPackageRemoval),
  }),
};
