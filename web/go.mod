module github.com/diwanpanel/diwan/web

go 1.26.0

ignore ./node_modules
