package openapi

import (
	"slices"
	"testing"
)

func TestPathToOpenAPI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/", "/"},
		{"/api/v1/users", "/api/v1/users"},
		{"/api/v1/users/:id", "/api/v1/users/{id}"},
		{"/api/v1/sites/:site/files/:name", "/api/v1/sites/{site}/files/{name}"},
		{"/files/:name.:ext", "/files/{name}.{ext}"},
		{"/range/:from-:to", "/range/{from}-{to}"},
		{"/items\\:batch", "/items:batch"},
		{"/users/:id?", "/users/{id}"},
		{"/user_groups/:group_id", "/user_groups/{group_id}"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := PathToOpenAPI(tt.in); got != tt.want {
				t.Errorf("PathToOpenAPI(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOperationID(t *testing.T) {
	tests := []struct{ method, path, want string }{
		{"GET", "/", "get"},
		{"GET", "/api/v1/users", "get_api_v1_users"},
		{"DELETE", "/api/v1/users/:id", "delete_api_v1_users_by_id"},
		{"POST", "/api/v1/auth/login", "post_api_v1_auth_login"},
		{"PUT", "/api/v1/sites/:siteId/php-version", "put_api_v1_sites_by_siteid_php_version"},
		{"GET", "/openapi.json", "get_openapi_json"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			if got := operationID(tt.method, tt.path); got != tt.want {
				t.Errorf("operationID = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPathParams(t *testing.T) {
	tests := []struct {
		path    string
		want    []string
		wantErr bool
	}{
		{"/api/v1/users", nil, false},
		{"/api/v1/users/:id/tokens/:token", []string{"id", "token"}, false},
		{"api/v1/users", nil, true},
		{"/users/:id?", nil, true},
		{"/files/*", nil, true},
		{"/files/+", nil, true},
		{"/users/:", nil, true},
		{"/a/:x/b/:x", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := pathParams(tt.path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("pathParams(%q) error = %v, want error %v", tt.path, err, tt.wantErr)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("pathParams(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}
