package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"

	"google.golang.org/grpc"
	registerapi "k8s.io/kubelet/pkg/apis/pluginregistration/v1"
)

// registrar answers the kubelet's plugin watcher, which finds <registration dir>/<driver>-reg.sock
// and asks it for the driver's name and CSI socket. This is node-driver-registrar's job; that
// module is not served by the module proxy, so the driver registers itself.
type registrar struct {
	registerapi.UnimplementedRegistrationServer
	driverName, endpoint string
}

func (r *registrar) GetInfo(context.Context, *registerapi.InfoRequest) (*registerapi.PluginInfo, error) {
	return &registerapi.PluginInfo{
		Type:              registerapi.CSIPlugin,
		Name:              r.driverName,
		Endpoint:          r.endpoint,
		SupportedVersions: []string{"1.0.0"},
	}, nil
}

func (r *registrar) NotifyRegistrationStatus(_ context.Context, st *registerapi.RegistrationStatus) (*registerapi.RegistrationStatusResponse, error) {
	if st.PluginRegistered {
		log.Printf("kubelet registered driver %s", r.driverName)
	} else {
		log.Printf("kubelet failed to register driver %s: %s", r.driverName, st.Error)
	}
	return &registerapi.RegistrationStatusResponse{}, nil
}

// serveRegistration listens on <dir>/<driver>-reg.sock; the returned stop removes the socket.
func serveRegistration(dir, driverName, csiSocket string) (stop func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	sock := filepath.Join(dir, driverName+"-reg.sock")
	if err := os.Remove(sock); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("removing stale registration socket: %w", err)
	}
	lis, err := net.Listen("unix", sock)
	if err != nil {
		return nil, err
	}
	srv := grpc.NewServer()
	registerapi.RegisterRegistrationServer(srv, &registrar{driverName: driverName, endpoint: csiSocket})
	go func() {
		if err := srv.Serve(lis); err != nil {
			log.Printf("registration server: %v", err)
		}
	}()
	log.Printf("registration socket for the kubelet at %s", sock)
	return func() { srv.Stop(); _ = os.Remove(sock) }, nil
}
