import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { i18n, applyLocale } from './i18n'
import { applyTheme } from './lib/theme'
import { onUnauthenticated } from './api/client'
import { session } from './lib/session'
import './styles.css'

applyLocale()
applyTheme()
onUnauthenticated(() => {
  session.me = null
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ path: '/login', query: { next: here.fullPath } })
})
createApp(App).use(i18n).use(router).mount('#app')
