/**
 * The version of modelship, sent to AWS in the user agent (`modelship/<version>`) and written into the
 * `modelship:version` tag. Kept in sync with package.json at release time; a single constant so nothing reads
 * package.json at run time.
 */
export const VERSION = '0.1.0';
