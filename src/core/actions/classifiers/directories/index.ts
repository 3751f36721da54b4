import { each, type ToolFamily } from '../family.js';
import { ldapModify } from './ldap.js';

/** Directory services: the LDIF ldapmodify and ldapadd apply (ldapdelete is read by the generic reading). */
export const directories: ToolFamily = {
  id: 'directories',
  tools: (deps) => ({ ...each(['ldapmodify', 'ldapadd'], ldapModify(deps.readRunFile)) }),
};
