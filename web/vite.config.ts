import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The dashboard is served by diwan itself under a strict CSP: no inline
// script, so modulepreload's inline polyfill is off, and vue-i18n uses its
// JIT message compiler (no eval, no new Function).
export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    manifest: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:7800', '/health': 'http://127.0.0.1:7800' },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
})
