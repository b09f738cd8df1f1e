"""The panel's own VBA that finds Python on whichever PC the button is clicked.

The panel lives on a shared drive and is opened from many PCs, so no interpreter path is
written into it by default. At click time ``SiapkanPython`` tries, in order: the path
configured in ``xlwings.conf`` (environment variables such as ``%LOCALAPPDATA%`` expanded),
a Python beside the panel (``python\\python.exe``), the per-user venv ``pasang.cmd``
creates, the python.org installs registered for the user and for the machine (the keys
the ``py`` launcher reads), the ``py`` launcher itself, and ``python`` on PATH unless it is
the Microsoft Store alias. A candidate counts only when it imports poskinerja, xlwings
and pywin32. The one found is put in ``Interpreter_Win`` for this click only; when none
works an Indonesian message lists what was tried and the next step.
"""
from __future__ import annotations

# the per-user environment pasang.cmd (paket.py) installs into
VENV_PENGGUNA = r"%LOCALAPPDATA%\poskinerja\venv\Scripts\python.exe"

MAKRO_PERIKSA = "PeriksaPython"
TOMBOL_PERIKSA = "Periksa Python"
URAIAN_PERIKSA = ("Menampilkan Python yang dipakai tombol di komputer ini, versi paketnya, dan apakah master "
                  "serta folder panel dapat dijangkau. Klik bila tombol lain gagal.")

VBA = r'''
' ---- Python untuk panel: dicari setiap kali tombol diklik (tidak ada jalur milik satu komputer) ----
Private pythonAsal As String

Private Function DiMac() As Boolean
    ' not Windows (Excel for Mac): xlwings' own Interpreter_Mac setting is used as it is
    DiMac = Environ("OS") <> "Windows_NT"
End Function

Private Function SelInterpreter() As Range
    Dim ws As Worksheet, r As Long
    Set ws = ThisWorkbook.Worksheets("xlwings.conf")
    For r = 1 To 40
        If LCase(Trim(ws.Cells(r, 1).Value)) = "interpreter_win" Then
            Set SelInterpreter = ws.Cells(r, 2)
            Exit Function
        End If
    Next r
    Set SelInterpreter = ws.Cells(1, 2)
End Function

Private Function TeksSementara() As String
    TeksSementara = Environ("TEMP") & "\poskinerja-panel-" & Format(Now, "hhnnss") & CStr(Int(Rnd * 100000)) & ".txt"
End Function

Private Function BacaTeks(ByVal berkas As String) As String
    Dim fso As Object, ts As Object
    Set fso = CreateObject("Scripting.FileSystemObject")
    If fso.FileExists(berkas) Then
        If fso.GetFile(berkas).Size > 0 Then
            Set ts = fso.OpenTextFile(berkas, 1)
            BacaTeks = ts.ReadAll
            ts.Close
        End If
        fso.DeleteFile berkas
    End If
End Function

Private Function Jalankan(ByVal perintah As String) As Long
    ' a command line in a hidden window; waits for it and returns its exit code
    Jalankan = CreateObject("WScript.Shell").Run("cmd /c " & perintah, 0, True)
End Function

Private Function PythonCoba(ByVal exe As String, ByRef catatan As String) As Boolean
    ' True when exe exists, is not the Microsoft Store alias, and imports poskinerja, xlwings and pywin32
    exe = Trim(Replace(exe, """", ""))
    If Len(exe) = 0 Then Exit Function
    If InStr(1, exe, "\WindowsApps\", vbTextCompare) > 0 Then
        catatan = catatan & vbLf & "- " & exe & ": alias Microsoft Store, bukan Python yang terpasang"
        Exit Function
    End If
    If Not CreateObject("Scripting.FileSystemObject").FileExists(exe) Then
        catatan = catatan & vbLf & "- " & exe & ": tidak ada"
        Exit Function
    End If
    If Jalankan("""""" & exe & """ -c ""import poskinerja, xlwings, win32api""""") = 0 Then
        PythonCoba = True
    Else
        catatan = catatan & vbLf & "- " & exe & ": poskinerja, xlwings atau pywin32 belum terpasang di Python ini"
    End If
End Function

Private Function PythonTerdaftar(ByVal akar As Long) As Collection
    ' python.exe of every python.org install registered under akar (HKCU or HKLM)
    Dim reg As Object, versi As Variant, i As Long, exe As String, folder As String, kunci As String
    Dim hasil As New Collection
    On Error Resume Next
    Set reg = GetObject("winmgmts:{impersonationLevel=impersonate}!\\.\root\default:StdRegProv")
    If Not reg Is Nothing Then
        reg.EnumKey akar, "Software\Python\PythonCore", versi
        If IsArray(versi) Then
            For i = UBound(versi) To LBound(versi) Step -1
                kunci = "Software\Python\PythonCore\" & versi(i) & "\InstallPath"
                exe = ""
                folder = ""
                reg.GetStringValue akar, kunci, "ExecutablePath", exe
                If Len(exe) = 0 Then
                    reg.GetStringValue akar, kunci, "", folder
                    If Len(folder) > 0 Then
                        If Right(folder, 1) <> "\" Then folder = folder & "\"
                        exe = folder & "python.exe"
                    End If
                End If
                If Len(exe) > 0 Then hasil.Add exe
            Next i
        End If
    End If
    On Error GoTo 0
    Set PythonTerdaftar = hasil
End Function

Private Function PythonDariPerintah(ByVal perintah As String) As Collection
    ' the lines a command prints (e.g. "where python"), read through a temporary file
    Dim berkas As String, baris As Variant, hasil As New Collection, i As Long
    berkas = TeksSementara()
    Jalankan perintah & " > """ & berkas & """ 2>nul"
    baris = Split(Replace(BacaTeks(berkas), vbCr, ""), vbLf)
    For i = LBound(baris) To UBound(baris)
        If Len(Trim(baris(i))) > 0 Then hasil.Add Trim(baris(i))
    Next i
    Set PythonDariPerintah = hasil
End Function

Private Function CariPython(ByRef catatan As String) As String
    Dim sh As Object, calon As New Collection, c As Variant, akar As Variant
    Set sh = CreateObject("WScript.Shell")
    If Len(Trim(pythonAsal)) > 0 Then calon.Add sh.ExpandEnvironmentStrings(pythonAsal)
    calon.Add ThisWorkbook.Path & "\python\python.exe"
    calon.Add sh.ExpandEnvironmentStrings("''' + VENV_PENGGUNA + r'''")
    For Each akar In Array(&H80000001, &H80000002)
        For Each c In PythonTerdaftar(CLng(akar))
            calon.Add c
        Next c
    Next akar
    For Each c In PythonDariPerintah("py -3 -c ""import sys; print(sys.executable)""")
        calon.Add c
    Next c
    For Each c In PythonDariPerintah("where python")
        calon.Add c
    Next c
    For Each c In calon
        If PythonCoba(CStr(c), catatan) Then
            CariPython = CStr(c)
            Exit Function
        End If
    Next c
End Function

Private Function SiapkanPython() As Boolean
    ' finds a working Python and puts it in Interpreter_Win for this click
    Dim catatan As String, exe As String
    If DiMac() Then
        SiapkanPython = True
        Exit Function
    End If
    pythonAsal = SelInterpreter().Value
    exe = CariPython(catatan)
    If Len(exe) = 0 Then
        MsgBox "Python untuk panel tidak ditemukan di komputer ini. Yang sudah dicoba:" & catatan & vbLf & vbLf & _
               "Langkah berikutnya: jalankan pasang.cmd dari folder pemasangan poskinerja kantor " & _
               "(atau: py -m pip install poskinerja), lalu klik tombol ini lagi. " & _
               "Bila Python ada di tempat lain, tulis lokasi python.exe di lembar xlwings.conf, baris Interpreter_Win.", _
               vbExclamation, "Panel Kinerja"
        Exit Function
    End If
    SelInterpreter().Value = exe
    SiapkanPython = True
End Function

Private Sub PulihkanPython()
    If DiMac() Then Exit Sub
    SelInterpreter().Value = pythonAsal
End Sub

Public Sub PeriksaPython()
    ' Periksa Python: which Python the buttons use, the package versions, and whether the panel's folders are reachable
    Dim catatan As String, exe As String, berkas As String, laporan As String
    If DiMac() Then
        MsgBox "Periksa Python hanya tersedia di Windows.", vbInformation, "Panel Kinerja"
        Exit Sub
    End If
    pythonAsal = SelInterpreter().Value
    exe = CariPython(catatan)
    If Len(exe) = 0 Then
        MsgBox "Python untuk panel tidak ditemukan. Yang sudah dicoba:" & catatan & vbLf & vbLf & _
               "Langkah berikutnya: jalankan pasang.cmd dari folder pemasangan poskinerja kantor, lalu periksa lagi.", _
               vbExclamation, "Periksa Python"
        Exit Sub
    End If
    berkas = TeksSementara()
    Jalankan """""" & exe & """ -m poskinerja periksa-lingkungan --panel """ & ThisWorkbook.FullName & """ > """ & berkas & """ 2>&1"""
    laporan = BacaTeks(berkas)
    If Len(laporan) > 900 Then laporan = Left(laporan, 900) & vbLf & "..."
    MsgBox "Python yang dipakai tombol: " & exe & vbLf & vbLf & laporan, vbInformation, "Periksa Python"
End Sub
'''


def tombol(handler: str) -> list[str]:
    """The body of one button's macro: find Python, run the handler, put the setting back."""
    return ["    If Not SiapkanPython() Then Exit Sub",
            f'    RunPython "import poskinerja.excel as px; px.{handler}()"',
            "    PulihkanPython"]
