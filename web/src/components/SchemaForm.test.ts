import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n, setLocale } from '../i18n'
import SchemaForm from './SchemaForm.vue'
import { ApiError } from '../api/client'
import type { JSONSchema } from '../lib/schema'
import { formatNumber } from '../lib/format'

const schema: JSONSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Name' },
    times: { type: 'integer' },
    on: { type: 'boolean' },
    mode: { enum: ['a', 'b'] },
    tags: { type: 'array', items: { type: 'string' } },
    inner: { type: 'object', properties: { host: { type: 'string' } } },
  },
}

function form(error?: unknown) {
  return mount(SchemaForm, { props: { schema, modelValue: {}, error, 'onUpdate:modelValue': () => {} }, global: { plugins: [i18n] } })
}

describe('SchemaForm', () => {
  it('renders a labelled control for every field, nested ones too', () => {
    const w = form()
    for (const id of ['f_name', 'f_times', 'f_on', 'f_mode', 'f_tags', 'f_inner_host']) {
      expect(w.find('#' + id).exists(), id).toBe(true)
      expect(w.find(`label[for="${id}"]`).exists(), id).toBe(true)
    }
    expect(w.find('#f_times').attributes('type')).toBe('number')
    expect(w.find('#f_on').attributes('type')).toBe('checkbox')
  })
  it('submits typed values', async () => {
    const w = mount(SchemaForm, { props: { schema, modelValue: {} }, global: { plugins: [i18n] } })
    w.setProps({ 'onUpdate:modelValue': (v: unknown) => w.setProps({ modelValue: v }) })
    await w.find('#f_name').setValue('Ada')
    await w.find('#f_times').setValue('3')
    await w.find('#f_tags').setValue('x\n\ny')
    await w.find('#f_inner_host').setValue('example.org')
    await w.find('form').trigger('submit')
    expect(w.emitted('submit')?.[0]?.[0]).toEqual({ name: 'Ada', times: 3, tags: ['x', 'y'], inner: { host: 'example.org' } })
  })
  it('shows a server error on the field it names', () => {
    const w = form(new ApiError(422, 'invalid_field', '/inner/host: is bad', { field: '/inner/host', message: 'is bad' }))
    expect(w.find('#f_inner_host').attributes('aria-invalid')).toBe('true')
    expect(w.find('#f_inner_host-err').text()).toBe('is bad')
    expect(w.find('#f_name').attributes('aria-invalid')).toBeUndefined()
  })
  it('shows an error without a field above the buttons', () => {
    const w = form(new ApiError(503, 'plugin_unavailable', 'the plugin is not running'))
    expect(w.find('form > p.error').text()).toBe('the plugin is not running')
  })
})

describe('locale', () => {
  it('sets lang and dir on <html>, persists, and formats numbers per locale', () => {
    setLocale('ar')
    expect(document.documentElement.dir).toBe('rtl')
    expect(document.documentElement.lang).toBe('ar')
    expect(localStorage.getItem('diwan.locale')).toBe('ar')
    setLocale('en')
    expect(document.documentElement.dir).toBe('ltr')
    expect(formatNumber('en', 1234.5, 1)).toBe('1,234.5')
    expect(formatNumber('de', 1234.5, 1)).toBe('1.234,5')
  })
})
