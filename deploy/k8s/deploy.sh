#!/usr/bin/env bash
# Deploys Clinic to the Kubernetes cluster kubectl points at (README.md beside this file).
#   bash deploy/k8s/deploy.sh IMAGE        e.g. registry.example.org/clinic/api:2026.11.1
# 1. the namespace, settings and the PostgreSQL Cluster; waits until the operator reports it ready
# 2. the migration Job with IMAGE (`migrate` verb); waits for it to complete, stops if it fails
# 3. everything else with IMAGE; waits for the rollout
# The Secrets named in the manifests must exist first (README.md lists them).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IMAGE=${1:?usage: deploy.sh IMAGE}
NS=clinic
PLACEHOLDER=clinic-api:set-by-deploy
with_image() { sed "s|image: $PLACEHOLDER|image: $IMAGE|"; }

kubectl apply -f "$HERE/namespace.yaml"
kubectl apply -n "$NS" -f "$HERE/serviceaccount.yaml" -f "$HERE/configmap.yaml" -f "$HERE/postgres-cluster.yaml"
kubectl wait -n "$NS" --for=condition=Ready cluster/clinic-db --timeout=15m

# A Job's pod template cannot change, so the previous run (kept for a day for its logs) goes first.
kubectl delete job -n "$NS" clinic-migrate --ignore-not-found --wait
with_image <"$HERE/migrate-job.yaml" | kubectl apply -n "$NS" -f -
state=""
for _ in $(seq 1 120); do # at most 10 min, as the Job's activeDeadlineSeconds
  state=$(kubectl get job -n "$NS" clinic-migrate -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
  case " $state " in *" Complete "*|*" Failed "*) break ;; esac
  sleep 5
done
if [[ " $state " != *" Complete "* ]]; then
  kubectl logs -n "$NS" job/clinic-migrate --tail=50 >&2 || true
  echo "deploy.sh: the migration did not complete (${state:-still running}); the running version is untouched" >&2
  exit 1
fi

kubectl kustomize "$HERE" | with_image | kubectl apply -f -
kubectl rollout status -n "$NS" deployment/clinic --timeout=10m
