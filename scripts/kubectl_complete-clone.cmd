@rem kubectl's plugin completion hook on Windows (see kubectl_complete-clone): `kubectl clone <TAB>`
@kubectl-clone.exe complete -- %*
