// Command hostpathplugin is the sandbox's CSI driver: a small host-path driver
// written for kubectl-clone's tests, because the upstream
// github.com/kubernetes-csi/csi-driver-host-path module is not served by the
// Go module proxy this project can reach (see test/sandbox/README.md).
//
// It speaks real CSI over gRPC to the real csi-provisioner and csi-snapshotter.
// Volumes are directories (Filesystem) or sparse files (Block) under
// --statedir/<volume id>; a clone is a real copy (cp -a), so tests can prove
// that a clone copied the data and that source and clone are independent.
// Its flags follow upstream hostpathplugin so the two can be swapped; it also
// registers itself with the kubelet (--kubelet-registration-dir), which upstream
// leaves to node-driver-registrar.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc"
)

var version = "sandbox"

func main() {
	cfg := config{}
	flag.StringVar(&cfg.endpoint, "endpoint", "unix:///tmp/csi.sock", "CSI endpoint (unix://path)")
	flag.StringVar(&cfg.driverName, "drivername", "hostpath.csi.k8s.io", "name of the driver")
	flag.StringVar(&cfg.nodeID, "nodeid", "", "node id (required)")
	flag.StringVar(&cfg.stateDir, "statedir", "/csi-data-dir", "directory that holds volumes, snapshots and state.json")
	flag.Int64Var(&cfg.maxVolumeSize, "max-volume-size", 1<<40, "largest volume size in bytes")
	flag.BoolVar(&cfg.topology, "enable-topology", false, "report the topology segment "+topologyKey+"=<nodeid> for the node and its volumes")
	flag.StringVar(&cfg.registrationDir, "kubelet-registration-dir", "", "the kubelet's plugins_registry folder: serve plugin registration there (what node-driver-registrar does)")
	flag.BoolVar(&cfg.noClone, "disable-clone", false, "do not advertise CLONE_VOLUME; CreateVolume from a volume fails with InvalidArgument")
	flag.BoolVar(&cfg.noSnapshot, "disable-snapshot", false, "do not advertise CREATE_DELETE_SNAPSHOT or LIST_SNAPSHOTS; the snapshot RPCs return Unimplemented")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	if cfg.nodeID == "" {
		log.Fatal("no node id provided")
	}
	if err := run(cfg); err != nil {
		log.Fatal(err)
	}
}

func run(cfg config) error {
	u, err := url.Parse(cfg.endpoint)
	if err != nil || u.Scheme != "unix" {
		return fmt.Errorf("endpoint %q must be unix://<path>", cfg.endpoint)
	}
	sock := u.Path
	if sock == "" {
		sock = u.Host
	}
	if err := os.MkdirAll(cfg.stateDir, 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(sock), 0o755); err != nil {
		return err
	}
	if err := os.Remove(sock); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("removing stale socket: %w", err)
	}
	d, err := newDriver(cfg)
	if err != nil {
		return err
	}
	lis, err := net.Listen("unix", sock)
	if err != nil {
		return err
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(logCalls))
	csi.RegisterIdentityServer(srv, d)
	csi.RegisterControllerServer(srv, d)
	csi.RegisterNodeServer(srv, d)

	if cfg.registrationDir != "" {
		stopReg, err := serveRegistration(cfg.registrationDir, cfg.driverName, sock)
		if err != nil {
			return fmt.Errorf("kubelet registration: %w", err)
		}
		defer stopReg()
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		s := <-sig
		log.Printf("received %v, stopping", s)
		srv.GracefulStop()
	}()
	log.Printf("driver %s (%s) listening on %s, state in %s", cfg.driverName, version, sock, cfg.stateDir)
	err = srv.Serve(lis)
	_ = os.Remove(sock)
	return err
}

func logCalls(ctx contextT, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	method := info.FullMethod[strings.LastIndex(info.FullMethod, "/")+1:]
	quiet := method == "Probe" || method == "GetPluginInfo"
	if !quiet {
		log.Printf("GRPC call: %s request: %+v", method, req)
	}
	resp, err := handler(ctx, req)
	if err != nil {
		log.Printf("GRPC error: %s: %v", method, err)
	} else if !quiet {
		log.Printf("GRPC response: %s: %+v", method, resp)
	}
	return resp, err
}
