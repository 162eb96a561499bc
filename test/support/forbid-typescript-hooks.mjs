// Module hooks for the production-start test: loading tsx or any .ts file fails the start.
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/[\\/]node_modules[\\/]tsx[\\/]/.test(result.url) || /\.tsx?$/.test(new URL(result.url).pathname)) {
    throw new Error(`production start loaded ${result.url}`);
  }
  return result;
}
