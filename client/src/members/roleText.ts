/** Translated names and plain-language descriptions of the four project roles. */
import { ROLES, type Role } from '../../../shared/roles';
import { t } from '../i18n';

/** The role's name, e.g. "Co-researcher". */
export const roleName = (role: Role) => t(`role.${role}`);

/** One sentence saying what someone in the role can do. */
export const roleAbout = (role: Role) => t(`role.${role}.about`);

/** Radio-group choices for picking a role. */
export const roleChoices = () => ROLES.map((r) => ({ value: r, label: roleName(r), hint: roleAbout(r) }));
