// The dashboard's routes, each page a lazily loaded chunk. Their first path
// segments are listed in routes.json, which the core reads to answer them
// with index.html.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, load, can } from './lib/session'
import type { Role } from './api/types'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    role?: Role
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/overview' },
  { path: '/setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
  { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  { path: '/overview', component: () => import('./views/OverviewView.vue') },
  { path: '/plugins', component: () => import('./views/PluginsView.vue') },
  { path: '/plugins/:id', component: () => import('./views/PluginDetailView.vue'), props: true },
  { path: '/p/:id', component: () => import('./views/PluginPageView.vue'), props: true },
  { path: '/tasks', component: () => import('./views/TasksView.vue') },
  { path: '/logs', component: () => import('./views/LogsView.vue'), meta: { role: 'operator' } },
  { path: '/audit', component: () => import('./views/AuditView.vue'), meta: { role: 'admin' } },
  { path: '/users', component: () => import('./views/UsersView.vue'), meta: { role: 'admin' } },
  { path: '/account', component: () => import('./views/AccountView.vue') },
  { path: '/:rest(.*)*', redirect: '/overview' },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  // Public pages never ask who is signed in: an anonymous 401 would be noise.
  if (to.meta.public) return true
  if (!session.loaded) await load()
  if (!session.me) return { path: '/login', query: to.fullPath === '/overview' ? {} : { next: to.fullPath } }
  if (session.me.must_enroll_totp && to.path !== '/account') return '/account'
  if (to.meta.role && !can(to.meta.role)) return '/overview'
  return true
})
