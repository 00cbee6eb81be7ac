/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
 * signed. They switch off the ways a packaged Electron can be turned into a general-purpose
 * runtime by whoever can start it (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect), make it load
 * the app only from the ASAR archive and check that archive against the hash embedded at
 * packaging, and encrypt its cookies at rest.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

const { Arch } = createRequire(import.meta.url)('builder-util');

export const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The packaged Electron executable (the .app bundle on macOS, which @electron/fuses looks inside). */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

export async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // An arm64 Mac build must be re-signed ad hoc after its bytes change, or it will not start
    // unsigned; signing proper (if configured) happens after this hook.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    ...FUSES,
  });
  console.log(`  • electron fuses set  binary=${binary}`);
}

export default afterPack;
