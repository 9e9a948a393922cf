//go:build tools

// Package tools pins the csi-provisioner command the sandbox builds.
package tools

import _ "github.com/kubernetes-csi/external-provisioner/v6/cmd/csi-provisioner"
