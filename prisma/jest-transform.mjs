import { createHash } from 'node:crypto';
import ts from 'typescript';

/**
 * Jest transform for Prisma's generated client: plain TypeScript to CommonJS, so its
 * import() of the query compiler becomes require() (Jest's CommonJS runtime has no
 * dynamic import without --experimental-vm-modules).
 */
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
  inlineSources: true,
};

export default {
  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions,
    });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha1')
      .update(sourceText)
      .update(sourcePath)
      .update(ts.version)
      .update('prisma-generated-cjs')
      .digest('hex');
  },
};
