import { CliError } from '../errors.js';

/** kubectl's boolean flag values (--wait=false, --wait=true, --wait). */
export function parseBooleanFlag(flag: string): (value: string) => boolean {
  return (value) => {
    if (/^(true|1|t)$/i.test(value)) return true;
    if (/^(false|0|f)$/i.test(value)) return false;
    throw new CliError(`invalid ${flag}=${value}: use ${flag}=true or ${flag}=false`);
  };
}
