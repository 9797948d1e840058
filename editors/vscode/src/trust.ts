// Restricted Mode (an untrusted workspace): checking runs the workspace's
// spec, so the server never starts a check by itself there. The user still
// can, with the Check command. See "capabilities.untrustedWorkspaces" in
// package.json, which also keeps the workspace from choosing the server
// binary, its arguments and its environment.

/** The settings that start checks without the user asking. */
export const AUTOMATIC_CHECKS: Readonly<Record<string, unknown>> = { checkOnSave: false, checkOnIdle: 0 };

/**
 * restrictSettings is the "tlals" section as the server gets it: unchanged
 * in a trusted workspace, with the automatic checks off in an untrusted one.
 */
export function restrictSettings(section: unknown, trusted: boolean): unknown {
	if (trusted) return section;
	const base = section !== null && typeof section === 'object' && !Array.isArray(section) ? section : {};
	return { ...base, ...AUTOMATIC_CHECKS };
}
