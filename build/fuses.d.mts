/** Types for build/fuses.mjs (an electron-builder hook in plain JS), for the packaging test. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
export declare const FUSES: Record<number, boolean>;
export declare function electronBinary(context: PackContext): string;
export declare function afterPack(context: PackContext): Promise<void>;
export default afterPack;
