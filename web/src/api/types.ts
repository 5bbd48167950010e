// Shapes of the API's answers (see /api/v1/openapi.json).

export type Role = 'viewer' | 'operator' | 'admin'

export interface SignedIn {
  username: string
  role: Role
  csrf_token: string
  expires_at: string
  must_enroll_totp: boolean
}

export interface Me {
  user_id: number
  username: string
  role: Role
  via: 'session' | 'token'
  session_id?: string
  csrf_token?: string
  must_enroll_totp: boolean
}

/** PluginStatus is a plugin's catalog entry and live state. */
export interface PluginStatus {
  id: string
  version: string
  enabled: boolean
  state: string
  last_error: string
  activation: string
  permissions: string[] | null
  running: boolean
  installed_at: string
  updated_at: string
}

export interface Task {
  id: string
  kind: string
  target: string
  actor: string
  state: 'running' | 'succeeded' | 'failed' | 'interrupted'
  progress: number
  message: string
  result?: string
  error?: string
  created_at: string
  updated_at: string
  finished_at?: string
}

export interface TaskLog {
  at: string
  level: string
  text: string
}

export interface User {
  id: number
  username: string
  role: Role
  disabled: boolean
  totp_enabled: boolean
  created_at: string
  password_changed_at: string
}

export interface Session {
  id: string
  ip: string
  user_agent: string
  created_at: string
  last_seen_at: string
  expires_at: string
  current: boolean
}

export interface Token {
  id: number
  name: string
  role: Role
  created_at: string
  expires_at: string
  last_used_at: string | null
}

export interface AuditEntry {
  id: number
  at: string
  actor_id?: number
  actor: string
  via: string
  ip: string
  action: string
  target: string
  result: string
  status: number
  details?: string
}

export interface Resource {
  kind: string
  id: string
  data: unknown
}

export interface ResourcePage {
  items: Resource[]
  next_page_token?: string
}
