"""The login page's words in the browser's language, as Gradio's login page shows them.

The page is plain HTML without the app's scripts, so the server picks the language from the request's
``Accept-Language`` (its first tag, as ``navigator.language``): the tag itself, else its base language,
else English, the same rule as the app's page (``frontend/src/i18n``). The translations are Trellis's own.
"""

# ruff: noqa: RUF001 (Turkish dotless i and Uzbek apostrophes are the right letters)
from __future__ import annotations

import html
import json

#: (the form's title and button, "username", "password", the wrong-credentials message) by language tag
LOGIN_TEXT: dict[str, tuple[str, str, str, str]] = {
    "en": ("Login", "username", "password", "Incorrect Credentials"),
    "ar": ("تسجيل الدخول", "اسم المستخدم", "كلمة المرور", "بيانات الدخول غير صحيحة"),
    "ca": ("Inicia la sessió", "nom d'usuari", "contrasenya", "Credencials incorrectes"),
    "ckb": ("چوونەژوورەوە", "ناوی بەکارهێنەر", "وشەی نهێنی", "زانیارییەکانی چوونەژوورەوە هەڵەن"),
    "de": ("Anmelden", "Benutzername", "Passwort", "Falsche Anmeldedaten"),
    "es": ("Iniciar sesión", "usuario", "contraseña", "Credenciales incorrectas"),
    "et": ("Logi sisse", "kasutajanimi", "parool", "Vale kasutajanimi või parool"),
    "eu": ("Hasi saioa", "erabiltzaile-izena", "pasahitza", "Kredentzial okerrak"),
    "fa": ("ورود", "نام کاربری", "گذرواژه", "اطلاعات ورود نادرست است"),
    "fi": ("Kirjaudu", "käyttäjätunnus", "salasana", "Väärät tunnukset"),
    "fr": ("Se connecter", "identifiant", "mot de passe", "Identifiants incorrects"),
    "he": ("כניסה", "שם משתמש", "סיסמה", "פרטי הכניסה שגויים"),
    "hi": ("लॉग इन करें", "उपयोगकर्ता नाम", "पासवर्ड", "गलत लॉगिन विवरण"),
    "id": ("Masuk", "nama pengguna", "kata sandi", "Kredensial salah"),
    "ja": ("ログイン", "ユーザー名", "パスワード", "ユーザー名またはパスワードが違います"),
    "ko": ("로그인", "사용자 이름", "비밀번호", "로그인 정보가 올바르지 않습니다"),
    "lt": ("Prisijungti", "naudotojo vardas", "slaptažodis", "Neteisingi prisijungimo duomenys"),
    "nb": ("Logg inn", "brukernavn", "passord", "Feil brukernavn eller passord"),
    "nl": ("Inloggen", "gebruikersnaam", "wachtwoord", "Onjuiste inloggegevens"),
    "pl": ("Zaloguj się", "nazwa użytkownika", "hasło", "Nieprawidłowe dane logowania"),
    "pt": ("Iniciar sessão", "nome de utilizador", "palavra-passe", "Credenciais incorretas"),
    "pt-BR": ("Entrar", "nome de usuário", "senha", "Credenciais incorretas"),
    "ro": ("Autentificare", "nume de utilizator", "parolă", "Date de autentificare greșite"),
    "ru": ("Войти", "имя пользователя", "пароль", "Неверные учётные данные"),
    "sv": ("Logga in", "användarnamn", "lösenord", "Fel användarnamn eller lösenord"),
    "ta": ("உள்நுழை", "பயனர் பெயர்", "கடவுச்சொல்", "தவறான உள்நுழைவு விவரங்கள்"),
    "th": ("เข้าสู่ระบบ", "ชื่อผู้ใช้", "รหัสผ่าน", "ข้อมูลเข้าสู่ระบบไม่ถูกต้อง"),
    "tr": ("Giriş yap", "kullanıcı adı", "parola", "Kimlik bilgileri hatalı"),
    "uk": ("Увійти", "ім'я користувача", "пароль", "Неправильні облікові дані"),
    "ur": ("لاگ ان کریں", "صارف نام", "پاس ورڈ", "غلط اسناد"),
    "uz": ("Kirish", "foydalanuvchi nomi", "parol", "Kirish maʼlumotlari notoʻgʻri"),
    "zh-CN": ("登录", "用户名", "密码", "用户名或密码错误"),
    "zh-TW": ("登入", "使用者名稱", "密碼", "帳號或密碼錯誤"),
}

_BY_LOWER = {tag.lower(): tag for tag in LOGIN_TEXT}


def login_language(accept_language: str | None) -> str:
    """The language for a request's ``Accept-Language``: its first tag, else a shorter form of it, else "en"."""
    first = (accept_language or "").split(",")[0].split(";")[0].strip().lower()
    parts = first.split("-")
    for size in range(len(parts), 0, -1):
        tag = _BY_LOWER.get("-".join(parts[:size]))
        if tag:
            return tag
    return "en"


def login_words(accept_language: str | None) -> dict[str, str]:
    """The login page's placeholders for a request: ``lang`` and its words, escaped for HTML (the message for JS)."""
    lang = login_language(accept_language)
    title, username, password, incorrect = LOGIN_TEXT[lang]
    return {
        "lang": lang,
        "login": html.escape(title),
        "username": html.escape(username),
        "password": html.escape(password),
        # inside a <script>: a JSON string, with "<" escaped so that it cannot close the element
        "incorrect": json.dumps(incorrect).replace("<", "\\u003c"),
    }
