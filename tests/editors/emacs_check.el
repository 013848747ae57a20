;;; emacs_check.el --- Drives Emacs (batch) with the configuration from docs/editors.md  -*- lexical-binding: t -*-
;; Loaded after the user's snippet; each entry point visits FILE, waits for connlint's findings as Emacs shows them
;; and writes them to OUT as lines `line:col:type:text', which emacs_check.sh compares with what connlint reports.

(require 'cl-lib)
(require 'flymake)

(defun connlint-test--wait (predicate seconds)
  "Let processes and timers run until PREDICATE holds or SECONDS pass; return PREDICATE's value."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall predicate)))

(defun connlint-test--flymake-lines ()
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)))
              (format "%d:%d:%s:%s" (line-number-at-pos beg)
                      (1+ (save-excursion (goto-char beg) (current-column)))
                      (flymake-diagnostic-type d) (car (split-string (flymake-diagnostic-text d) "\n")))))
          (flymake-diagnostics)))

(defun connlint-test--write (out lines)
  (with-temp-file out (dolist (l lines) (insert l "\n"))))

(defun connlint-test--flymake-check ()
  "Run flymake's backends once (flymake starts them from timers and commands, which batch Emacs lacks) and wait."
  (flymake-start)
  (connlint-test--wait (lambda () (cl-subsetp (flymake-running-backends) (flymake-reporting-backends))) 30))

(defun connlint-test--eglot-edit (edit-function)
  "Call EDIT-FUNCTION, send the change to the server, wait until flymake's diagnostics differ; return them."
  (let ((before (connlint-test--flymake-lines)))
    (funcall edit-function)
    ;; eglot sends changes from an idle timer, and batch Emacs is never idle: send them as that timer would.
    (eglot--signal-textDocument/didChange)
    (connlint-test--wait (lambda () (flymake-start) (not (equal (connlint-test--flymake-lines) before))) 30)
    (connlint-test--flymake-lines)))

(defun connlint-test-eglot (file out)
  "eglot + connlint lsp: the diagnostic in flymake, again after an unsaved edit with non-ASCII text before it, then
the quick fix, after which it must go away."
  (find-file file)
  ;; `eglot-ensure' connects after the next command; batch Emacs runs none.
  (run-hooks 'post-command-hook)
  (let ((lines (if (connlint-test--wait (lambda () (and (eglot-current-server) (progn (flymake-start) (flymake-diagnostics))))
                                        30)
                   (connlint-test--flymake-lines)
                 (list "TIMEOUT: no diagnostics from eglot"))))
    (when (flymake-diagnostics)
      ;; Two characters (four bytes, two UTF-16 units) more before the query, not saved.
      (push (concat "edited:" (string-join (connlint-test--eglot-edit
                                            (lambda () (goto-char (point-min)) (search-forward "await")
                                              (replace-match "const é = 'ü'; await")))
                                           " | "))
            lines)
      (goto-char (flymake-diagnostic-beg (car (flymake-diagnostics))))
      (let ((line (line-number-at-pos)))
        (push (concat "after-fix:" (string-join (connlint-test--eglot-edit
                                                 ;; As `M-x eglot-code-action-quickfix' at point: a lone quick fix
                                                 ;; is applied at once.
                                                 (lambda () (eglot-code-actions (point) nil "quickfix" t)))
                                                " | "))
              lines)
        (push (concat "inserted:" (save-excursion (goto-char (point-min)) (forward-line (1- line))
                                                  (buffer-substring (point) (line-end-position))))
              lines)))
    (connlint-test--write out (reverse lines))
    (ignore-errors (eglot-shutdown (eglot-current-server)))))

(defun connlint-test-flymake (file out)
  "The flymake backend from docs/editors.md, first on the file as saved, then on an unsaved edit."
  (find-file file)
  (let ((lines (if (and (connlint-test--flymake-check) (flymake-diagnostics))
                   (connlint-test--flymake-lines)
                 (list "NONE: no diagnostics from the flymake backend"))))
    ;; An unsaved edit that moves the query down two lines and two characters right (four bytes): the backend must
    ;; check the buffer, not the disk, and count columns in characters.
    (goto-char (point-min))
    (forward-line 2)
    (insert "  // one\n  // two\n")
    (forward-line 1)
    (search-forward "await")
    (replace-match "const é = 'ü'; await")
    (connlint-test--flymake-check)
    (push (concat "unsaved:" (string-join (connlint-test--flymake-lines) " | ")) lines)
    (set-buffer-modified-p nil)
    (connlint-test--write out (reverse lines))))

(defun connlint-test-compile (command out)
  "`M-x compile' with COMMAND, then `M-x first-error': where does Emacs take the user?"
  (let ((directory default-directory))
    (compile command)
    (connlint-test--wait (lambda () (not (get-buffer-process "*compilation*"))) 60)
    (first-error)
    (let ((message (with-current-buffer "*compilation*"
                     (save-excursion (goto-char compilation-current-error)
                                     (buffer-substring (line-beginning-position) (line-end-position))))))
      ;; `first-error' shows the locus in another window; batch Emacs leaves the current buffer as it was.
      (with-current-buffer (window-buffer (selected-window))
        (goto-char (window-point))
        (connlint-test--write out (list (format "%s:%d:%d:%s" (file-relative-name buffer-file-name directory)
                                                (line-number-at-pos) (1+ (current-column)) message)))))))
;;; emacs_check.el ends here
