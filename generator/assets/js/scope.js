/* Material's page-scope helpers (mkdocs-material partials/javascripts/base.html, MIT), loaded from
   this file instead of inline on every page; the site root is three folders up from this file
   (assets/jx/js/scope.js), which is what Material computes from each page's base_url. */
__md_scope=new URL("../../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
